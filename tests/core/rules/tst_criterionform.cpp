// The cohort builder's criterion form: the shapes it shows as fields (field compare, flag, has,
// count) are read from rule text and written back to text that reads the same; everything else
// stays text.
#include "rules/criterionform.h"
#include "rules/rulecatalogue.h"

#include <QTest>

using namespace phm::core::rules;

class TestCriterionForm : public QObject {
    Q_OBJECT
    CodeLists mLists;

private slots:
    void formsReadTheirFields() {
        auto f = criterionForm(QStringLiteral("age >= 65"), &mLists);
        QVERIFY(f);
        QCOMPARE(f->kind, CriterionForm::FieldCompare);
        QCOMPARE(f->field, QStringLiteral("age"));
        QCOMPARE(f->op, QStringLiteral(">="));
        QCOMPARE(f->value, QStringLiteral("65"));
        f = criterionForm(QStringLiteral("sex = 'F'"), &mLists);
        QVERIFY(f && f->value == QStringLiteral("'F'"));
        f = criterionForm(QStringLiteral("not care_home"), &mLists);
        QVERIFY(f && f->kind == CriterionForm::Flag && f->negated && f->field == QStringLiteral("care_home"));
        f = criterionForm(QStringLiteral("has(gp, @diabetes)"), &mLists);
        QVERIFY(f && f->kind == CriterionForm::Event && !f->counting && f->dataset == QStringLiteral("gp"));
        QCOMPARE(f->codeLists, QStringList{QStringLiteral("diabetes")});
        QCOMPARE(f->months, 0);
        f = criterionForm(QStringLiteral("count(apc, emergency, last 12 months) >= 2"), &mLists);
        QVERIFY(f && f->counting && f->dataset == QStringLiteral("apc"));
        QCOMPARE(f->filters, QStringList{QStringLiteral("emergency")});
        QCOMPARE(f->months, 12);
        QCOMPARE(f->op, QStringLiteral(">="));
        QCOMPARE(f->value, QStringLiteral("2"));
    }

    void otherShapesStayText() {
        for (const char *text : {"age between 40 and 74", "ethnic_group in ('asian', 'black')", "latest(gp, @hba1c).value > 58",
                                 "in_cohort(\"x\")", "age >= 65 and rural", "cost(all, last 12 months) > 5000",
                                 "has(gp, @diabetes, last 2 years)", "age >=", "nonsense_field = 1"})
            QVERIFY2(!criterionForm(QString::fromUtf8(text), &mLists), text);
    }

    void writtenBackItReadsTheSame_data() {
        QTest::addColumn<QString>("text");
        for (const char *t : {"age >= 65", "age < 18", "sex = 'F'", "imd_quintile = 1", "place = 'Luton'", "care_home", "not care_home",
                              "has(gp, @diabetes)", "has(gp, @copd, @asthma, last 6 months)", "count(ae, last 12 months) >= 2",
                              "count(apc, emergency, last 12 months) >= 1", "count(op, dna) > 3", "efi_category = 'severe'"})
            QTest::newRow(t) << QString::fromUtf8(t);
    }
    void writtenBackItReadsTheSame() {
        QFETCH(QString, text);
        const auto form = criterionForm(text, &mLists);
        QVERIFY(form);
        const QString back = criterionText(*form);
        QCOMPARE(back, text);  // the canonical spelling of each of these
        QCOMPARE(criterionForm(back, &mLists), form);
    }
};

QTEST_GUILESS_MAIN(TestCriterionForm)
#include "tst_criterionform.moc"
