#!/usr/bin/env python3
"""Writes resources/codelists/*.csv (columns code,term) from the bundled eFI code sets plus the
hand-curated SNOMED CT concepts below. Run once when the lists change; the output is committed."""
import csv, os, re
here = os.path.dirname(os.path.abspath(__file__))
res = os.path.join(here, '..', 'resources')
out = os.path.join(res, 'codelists')
os.makedirs(out, exist_ok=True)
efi = {}
for r in csv.DictReader(open(os.path.join(res, 'refdata', 'efi-codes.csv'), encoding='utf-8')):
    if r['code_system'] == 'snomed':
        efi.setdefault(r['gm_sde_codeset'], []).append((r['code'], r['term']))
def write(name, rows):
    seen = set(); rows2 = []
    for c, t in rows:
        if c not in seen: seen.add(c); rows2.append((c, t))
    with open(os.path.join(out, name + '.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n'); w.writerow(['code', 'term']); w.writerows(rows2)
for codeset, rows in efi.items():
    write(codeset, rows)
hand = {
 'hypertension': efi['efi-hypertension'],
 'diabetes': efi['efi-diabetes'],
 'af': efi['efi-atrial-fibrillation'],
 # The eFI heart-failure set also holds two ischaemic heart disease codes; the condition list must not.
 'heart_failure': [r for r in efi['efi-heart-failure'] if r[0] not in {c for c, _ in efi['efi-chd']}],
 'ckd': [r for r in efi['efi-ckd'] if re.search('stage 3|stage 4|stage 5|Chronic kidney disease$', r[1], re.I)] + [('433144002', 'Chronic kidney disease stage 3')],
 'chd': efi['efi-chd'],
 'stroke': [('230690007', 'Cerebrovascular accident'), ('266257000', 'Transient ischemic attack'), ('422504002', 'Ischemic stroke'), ('274100004', 'Cerebral hemorrhage')],
 'asthma': [('195967001', 'Asthma'), ('266364000', 'Asthma attack'), ('370218001', 'Mild asthma'), ('370219009', 'Moderate asthma'), ('370221004', 'Severe asthma')],
 'copd': [('13645005', 'Chronic obstructive lung disease'), ('195951007', 'Acute exacerbation of chronic obstructive airways disease'), ('87433001', 'Pulmonary emphysema'), ('63480004', 'Chronic bronchitis')],
 'cancer': [('363346000', 'Malignant neoplastic disease'), ('254837009', 'Malignant neoplasm of breast'), ('363358000', 'Malignant tumor of lung'), ('399068003', 'Malignant tumor of prostate'), ('363406005', 'Malignant tumor of colon'), ('372244006', 'Malignant melanoma')],
 'depression': [('35489007', 'Depressive disorder'), ('370143000', 'Major depressive disorder'), ('191616006', 'Recurrent depression'), ('310495003', 'Mild depression'), ('310496002', 'Moderate depression')],
 'smi': [('58214004', 'Schizophrenia'), ('13746004', 'Bipolar disorder'), ('69322001', 'Psychotic disorder'), ('191526005', 'Schizophrenic disorders')],
 'dementia': [('52448006', 'Dementia'), ('26929004', "Alzheimer's disease"), ('429998004', 'Vascular dementia'), ('312991009', 'Senile dementia of the Lewy body type')],
 'learning_disability': [('110359009', 'Intellectual disability'), ('408856003', 'Learning disability')],
 'epilepsy': [('84757009', 'Epilepsy'), ('313307000', 'Generalized epilepsy')],
 'osteoporosis': efi['efi-osteoporosis'],
 'arthritis': efi['efi-arthritis'],
 'hypothyroidism': [('40930008', 'Hypothyroidism'), ('83664006', 'Idiopathic hypothyroidism')],
 'pad': efi['efi-pvd'],
 'obesity': [('414916001', 'Obesity'), ('238136002', 'Morbid obesity')],
 'pregnancy': [('77386006', 'Pregnancy'), ('72892002', 'Normal pregnancy')],
 'palliative_care': [('103735009', 'Palliative care'), ('1665351000000103', 'On gold standards palliative care framework')],
 'systolic_bp': [('271649006', 'Systolic blood pressure')],
 'diastolic_bp': [('271650006', 'Diastolic blood pressure')],
 'hba1c': [('1003671000000109', 'Haemoglobin A1c level - IFCC standardised')],
 'bmi': [('60621009', 'Body mass index')],
 'current_smoker': [('77176002', 'Smoker')],
 'ex_smoker': [('8517006', 'Ex-smoker')],
 'never_smoked': [('266919005', 'Never smoked tobacco')],
}
def ensure(name, code, term):
    if code not in {c for c, _ in hand[name]}: hand[name] = [(code, term)] + list(hand[name])
ensure('hypertension', '38341003', 'Hypertensive disorder'); ensure('diabetes', '44054006', 'Type 2 diabetes mellitus')
ensure('af', '49436004', 'Atrial fibrillation'); ensure('heart_failure', '84114007', 'Heart failure')
ensure('chd', '53741008', 'Coronary arteriosclerosis'); ensure('osteoporosis', '64859006', 'Osteoporosis')
ensure('arthritis', '69896004', 'Rheumatoid arthritis'); ensure('pad', '233958001', 'Peripheral ischemia')
for k, v in hand.items(): write(k, v)
meds = [('386864001', 'Amlodipine'), ('386872004', 'Ramipril'), ('372567009', 'Metformin'), ('372897005', 'Salbutamol'),
        ('116601002', 'Beclometasone'), ('372905008', 'Tiotropium'), ('387458008', 'Aspirin'), ('373444002', 'Atorvastatin'),
        ('698090000', 'Apixaban'), ('386868003', 'Bisoprolol'), ('387475002', 'Furosemide'), ('372594008', 'Sertraline'),
        ('386849001', 'Olanzapine'), ('387442003', 'Donepezil'), ('387010007', 'Levetiracetam'), ('391730008', 'Alendronic acid'),
        ('387517004', 'Paracetamol'), ('710809001', 'Levothyroxine'), ('387137007', 'Omeprazole')]
write('medications', meds)
