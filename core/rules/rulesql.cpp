#include "rules/rulesql.h"

#include "rules/efi.h"
#include "rules/imdfields.h"
#include "rules/multimorbidity.h"
#include "rules/personvaluefields.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleparser.h"
#include "rules/rulevalues.h"
#include "store/projectdb.h"

namespace phm::core::rules {

QString SqlDialect::quote(const QString &text) const {
    QString t = text;
    t.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QStringLiteral("'%1'").arg(t);
}

QString SqlDialect::prefixMatch(const QString &column, const QString &prefix) const {
    return QStringLiteral("substr(%1, 1, %2) = %3").arg(column).arg(prefix.size()).arg(quote(prefix));
}

namespace {
QString number(double v) { return QString::number(v, 'g', 17); }
QString twoValued(const QString &predicate) { return QStringLiteral("COALESCE((%1), 0)").arg(predicate); }

// SQL equivalents of the in-memory filters (eventFilter in ruleengineeval.cpp).
QString filterSql(const QString &dataset, const QString &keyword, const SqlDialect &d) {
    if (dataset == QLatin1String("apc")) {
        const auto methods = enumValues(fileSpec(Dataset::Apc).columns[size_t(fileSpec(Dataset::Apc).columnIndex("admission_method"))]);
        const size_t from = keyword == QLatin1String("elective") ? 0 : keyword == QLatin1String("emergency") ? 3 : 13;
        const size_t to = keyword == QLatin1String("elective") ? 2 : keyword == QLatin1String("emergency") ? 12 : 14;
        QStringList codes;
        for (size_t i = from; i <= to; ++i) codes << d.quote(QString::fromLatin1(methods[i].data(), qsizetype(methods[i].size())));
        return QStringLiteral("e.admission_method IN (%1)").arg(codes.join(QStringLiteral(", ")));
    }
    if (dataset == QLatin1String("ae"))
        return keyword == QLatin1String("admitted") ? QStringLiteral("e.discharge_destination = 'admitted'")
                                                    : QStringLiteral("e.arrival_mode = 'ambulance'");
    if (dataset == QLatin1String("op"))
        return keyword == QLatin1String("attended") ? QStringLiteral("e.attendance_status IN ('5', '6')")
               : keyword == QLatin1String("dna")    ? QStringLiteral("e.attendance_status = '3'")
                                                    : QStringLiteral("e.first_attendance = '1'");
    if (dataset == QLatin1String("mh")) return QStringLiteral("e.attended = 1");
    return QStringLiteral("e.conveyed = 'Y'");
}
}  // namespace

SqlCompiler::SqlCompiler(const Project &project, const CodeLists &lists, SqlDialect dialect)
    : mProject(project), mLists(lists), mDialect(dialect) {}

QString SqlCompiler::comparison(const QString &value, const Expr &e) const {
    static const char *ops[] = {"=", "<>", "<", "<=", ">", ">="};
    switch (e.kind) {
        case Expr::Compare:
            return QStringLiteral("%1 %2 %3").arg(value, QLatin1String(ops[int(e.op)]), number(e.values[0].number));
        case Expr::Between:
            return QStringLiteral("%1 BETWEEN %2 AND %3").arg(value, number(e.values[0].number), number(e.values[1].number));
        default: {
            QStringList items;
            for (const Literal &l : e.values) items << number(l.number);
            return QStringLiteral("%1 %2IN (%3)")
                .arg(value, e.negated ? QStringLiteral("NOT ") : QString(), items.join(QStringLiteral(", ")));
        }
    }
}

Result<QString> SqlCompiler::condition(const Expr &e, int32_t indexDate) const {
    switch (e.kind) {
        case Expr::And:
        case Expr::Or: {
            QStringList parts;
            for (const auto &c : e.children) {
                auto r = condition(*c, indexDate);
                if (!r) return r;
                parts << QStringLiteral("(%1)").arg(r.value());
            }
            return parts.join(e.kind == Expr::And ? QStringLiteral(" AND ") : QStringLiteral(" OR "));
        }
        case Expr::Not: {
            auto r = condition(*e.children[0], indexDate);
            if (!r) return r;
            return QStringLiteral("NOT (%1)").arg(r.value());
        }
        case Expr::InCohort:
            return locatedError(e, QStringLiteral("in_cohort is not available to the SQL engine yet"));
        case Expr::Event:
            return event(e, indexDate);
        default:
            return e.event ? event(e, indexDate) : field(e, indexDate);
    }
}

Result<QString> SqlCompiler::field(const Expr &e, int32_t indexDate) const {
    const QString &f = e.field;
    const QString I = QString::number(indexDate);
    if (e.kind == Expr::Flag) {
        if (f == QLatin1String("rural"))
            return twoValued(QStringLiteral("SELECT substr(l.ruc, 1, 1) IN ('D', 'E') FROM lsoa l WHERE l.idx = p.lsoa_idx"));
        const QString alive = QStringLiteral("(p.date_of_death IS NULL OR p.date_of_death > %1)").arg(I);
        if (f == QLatin1String("alive")) return alive;
        if (f == QLatin1String("registered"))
            return QStringLiteral("p.registration_start <= %1 AND (p.registration_end IS NULL OR p.registration_end > %1) AND %2")
                .arg(I, alive);
        return twoValued(QStringLiteral("p.%1 = 1").arg(f));
    }
    if (f == QLatin1String("age")) {
        int y;
        unsigned m, d;
        civilFromDays(indexDate, y, m, d);
        return twoValued(comparison(QStringLiteral("((%1 - p.birth_ym) / 12)").arg(y * 12 + int(m) - 1), e));
    }
    if (f == QLatin1String("imd_decile") || f == QLatin1String("imd_quintile")) {
        const QString decile = QStringLiteral("(SELECT l.imd_decile FROM lsoa l WHERE l.idx = p.lsoa_idx)");
        return twoValued(comparison(f == QLatin1String("imd_decile") ? decile : QStringLiteral("((%1 + 1) / 2)").arg(decile), e));
    }
    if (const auto vf = valueField(e)) {
        const auto table = mValueTables.constFind(vf->kind + QLatin1Char('|') + vf->argument.toLower());
        if (table == mValueTables.constEnd()) return locatedError(e, QStringLiteral("`%1` is not prepared for the SQL engine").arg(f));
        const QString column = QStringLiteral("(SELECT v.%1 FROM %2 v WHERE v.idx = p.pid)")
                                   .arg(vf->number ? QStringLiteral("value") : QStringLiteral("label"), table->first);
        if (vf->number) return twoValued(comparison(column, e));
        auto accept = acceptedLabels(*table->second, e);
        if (!accept) return accept.error();
        QStringList labels;
        for (size_t k = 0; k < accept.value().size(); ++k)
            if (accept.value()[k]) labels << QString::number(k);
        const QString in = twoValued(QStringLiteral("%1 IN (%2)").arg(column, labels.join(QStringLiteral(", "))));
        return invertsLabels(e) ? QStringLiteral("NOT %1").arg(in) : in;
    }
    if (const auto imd = imdField(f)) {
        // Ranks from the project's LSOAs as a TEMP table (preamble); 0, not known, is NULL.
        const QString rank =
            imd->domain < 0 ? QStringLiteral("(SELECT NULLIF(l.imd_rank, 0) FROM lsoa l WHERE l.idx = p.lsoa_idx)")
                            : QStringLiteral("(SELECT NULLIF(d.rank_%1, 0) FROM imd_domain d WHERE d.idx = p.lsoa_idx)").arg(imd->domain);
        // The decile as imdDecileOfRank has it: ceil(10 rank / 32,844), in integers.
        const QString value =
            imd->decile ? QStringLiteral("min(10, (%1 * 10 + %2) / %3)").arg(rank).arg(kImdLsoas - 1).arg(kImdLsoas) : rank;
        return twoValued(comparison(value, e));
    }
    if (f == QLatin1String("ltc_count"))
        return twoValued(
            comparison(QStringLiteral("(SELECT count(DISTINCT lc.condition) FROM gp e JOIN ltc_code lc ON lc.code = e.snomed_code "
                                      "WHERE e.pid = p.pid AND e.event_date <= %1)")
                           .arg(indexDate),
                       e));
    if (f == QLatin1String("efi")) return twoValued(comparison(QStringLiteral("(%1 / 36.0)").arg(efiDeficits(indexDate)), e));
    if (!isTextField(f)) return locatedError(e, QStringLiteral("unknown field `%1`").arg(f));
    if (e.kind == Expr::Between || (e.kind == Expr::Compare && e.op != CompareOp::Eq && e.op != CompareOp::Ne))
        return locatedError(e, QStringLiteral("`%1` is text: use =, != or in (...)").arg(f));
    QStringList literals;
    for (const Literal &l : e.values) literals << l.text;
    auto resolved = resolveText(textDictionary(mProject, f), f, literals);
    if (!resolved) return locatedError(e, resolved.error().message);
    QStringList quoted;
    for (const QString &v : resolved.value()) quoted << mDialect.quote(v);
    QString column;
    if (f == QLatin1String("sex"))
        column = QStringLiteral("p.sex");
    else if (f == QLatin1String("ethnicity"))
        column = QStringLiteral("COALESCE(p.ethnicity, '')");
    else if (f == QLatin1String("ethnic_group"))
        column = QStringLiteral(
            "CASE WHEN p.ethnicity IN ('A','B','C') THEN 'white' WHEN p.ethnicity IN ('D','E','F','G') THEN 'mixed' "
            "WHEN p.ethnicity IN ('H','J','K','L','R') THEN 'asian' WHEN p.ethnicity IN ('M','N','P') THEN 'black' "
            "WHEN p.ethnicity = 'S' THEN 'other' ELSE 'unknown' END");
    else if (f == QLatin1String("efi_category"))
        column = QStringLiteral(
                     "CASE WHEN %1 / 36.0 <= 0.12 THEN 'fit' WHEN %1 / 36.0 <= 0.24 THEN 'mild' WHEN %1 / 36.0 <= 0.36 THEN 'moderate' "
                     "ELSE 'severe' END")
                     .arg(efiDeficits(indexDate));
    else if (f == QLatin1String("lsoa"))
        column = QStringLiteral("(SELECT l.code FROM lsoa l WHERE l.idx = p.lsoa_idx)");
    else {
        const QString col = f == QLatin1String("practice") ? QStringLiteral("code")
                            : f == QLatin1String("pcn")    ? QStringLiteral("pcn_code")
                            : f == QLatin1String("place")  ? QStringLiteral("place")
                                                           : QStringLiteral("care_alliance");
        column = QStringLiteral("(SELECT pr.%1 FROM practice pr WHERE pr.idx = p.practice_idx)").arg(col);
    }
    const bool invert = (e.kind == Expr::Compare && e.op == CompareOp::Ne) || (e.kind == Expr::InList && e.negated);
    return QStringLiteral("%1%2").arg(invert ? QStringLiteral("NOT ") : QString(),
                                      twoValued(QStringLiteral("%1 IN (%2)").arg(column, quoted.join(QStringLiteral(", ")))));
}

Result<QString> SqlCompiler::eventAggregate(const EventQuery &q, const QString &dataset, int32_t indexDate) const {
    const Dataset d = Dataset(int(datasetNames().indexOf(dataset)) + kFirstEventDataset);
    const FileSpec &spec = fileSpec(d);
    const EventColumns &cols = eventColumns(d);
    const bool asc = d == Dataset::Asc;
    const int32_t start = windowStart(q.window, indexDate);
    const QString I = QString::number(indexDate);
    QStringList where = {QStringLiteral("e.pid = p.pid"), QStringLiteral("e.%1 <= %2").arg(QLatin1String(cols.date), I)};
    // Social care services count while active in the window; other events by their date.
    const QString from = start == kNoDate ? QStringLiteral("e.start_date") : QStringLiteral("max(e.start_date, %1)").arg(start + 1);
    const QString until = QStringLiteral("min(COALESCE(e.end_date, %1), %1)").arg(I);
    if (asc)
        where << QStringLiteral("%1 >= %2").arg(until, from);
    else if (start != kNoDate)
        where << QStringLiteral("e.%1 > %2").arg(QLatin1String(cols.date)).arg(start);
    if (!q.codeLists.isEmpty()) {
        QStringList codes, prefixes;
        for (const QString &name : q.codeLists) {
            auto list = mLists.codes(name);
            if (!list) return list.error();
            for (const QString &c : list.value()) {
                if (d == Dataset::Apc)
                    prefixes << mDialect.prefixMatch(QStringLiteral("e.%1").arg(QLatin1String(cols.code)), c);
                else
                    codes << mDialect.quote(c);
            }
        }
        if (d == Dataset::Apc)
            where << QStringLiteral("(%1)").arg(prefixes.isEmpty() ? QStringLiteral("0") : prefixes.join(QStringLiteral(" OR ")));
        else
            where << QStringLiteral("e.%1 IN (%2)")
                         .arg(QLatin1String(cols.code), codes.isEmpty() ? QStringLiteral("NULL") : codes.join(QStringLiteral(", ")));
    }
    for (const QString &k : q.filters) where << filterSql(dataset, k, mDialect);
    const QString table = QLatin1String(spec.key);
    const QString cond = where.join(QStringLiteral(" AND "));
    switch (q.kind) {
        case EventQuery::Has:
            return QStringLiteral("EXISTS (SELECT 1 FROM %1 e WHERE %2)").arg(table, cond);
        case EventQuery::Count:
            return QStringLiteral("(SELECT count(*) FROM %1 e WHERE %2)").arg(table, cond);
        case EventQuery::Cost:
            if (asc)
                return QStringLiteral("(SELECT COALESCE(sum(e.weekly_cost * ((%1 - %2 + 1) / 7.0)), 0) FROM %3 e WHERE %4)")
                    .arg(until, from, table, cond);
            return QStringLiteral("(SELECT COALESCE(sum(e.cost), 0) FROM %1 e WHERE %2)").arg(table, cond);
        case EventQuery::LatestValue:
            return QStringLiteral("(SELECT e.value FROM %1 e WHERE %2 ORDER BY e.%3 DESC, e.rowid DESC LIMIT 1)")
                .arg(table, cond, QLatin1String(cols.date));
    }
    return QString();
}

Result<QString> SqlCompiler::event(const Expr &e, int32_t indexDate) const {
    const EventQuery &q = *e.event;
    QStringList datasets;
    if (q.dataset == QLatin1String("all")) {
        for (const QString &d : datasetNames())
            if (d != QLatin1String("gp")) datasets << d;
    } else {
        datasets << q.dataset;
    }
    QStringList parts;
    for (const QString &d : datasets) {
        auto r = eventAggregate(q, d, indexDate);
        if (!r) return locatedError(e, r.error().message);
        parts << r.value();
    }
    if (q.kind == EventQuery::Has) return parts.join(QStringLiteral(" OR "));
    QString value = parts.size() == 1 ? parts.first() : QStringLiteral("(%1)").arg(parts.join(QStringLiteral(" + ")));
    if (q.kind == EventQuery::Cost) value = QStringLiteral("round(%1, 2)").arg(value);  // pennies, as the in-memory engine
    return twoValued(comparison(value, e));
}

// Deficits: distinct code-list deficits ever recorded, plus polypharmacy (5+ distinct
// medications in the 12 months to the index date); efi_code comes from preamble().
QString SqlCompiler::efiDeficits(int32_t indexDate) const {
    const int32_t yearStart = windowStart(Window{Window::Months, 12}, indexDate);
    return QStringLiteral(
               "((SELECT count(DISTINCT ec.deficit) FROM gp e JOIN efi_code ec ON ec.code = e.snomed_code "
               "WHERE e.pid = p.pid AND e.event_date <= %1 AND ec.deficit < 36) + CASE WHEN (SELECT count(DISTINCT e.snomed_code) "
               "FROM gp e JOIN efi_code ec ON ec.code = e.snomed_code AND ec.deficit = 36 WHERE e.pid = p.pid AND "
               "e.event_date <= %1 AND e.event_date > %2) >= 5 THEN 1 ELSE 0 END)")
        .arg(indexDate)
        .arg(yearStart);
}

Result<QStringList> SqlCompiler::preamble() const {
    QStringList out = {QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS efi_code(code TEXT NOT NULL, deficit INTEGER NOT NULL)"),
                       QStringLiteral("DELETE FROM efi_code")};
    QStringList rows;
    const QStringList names = efiCodeListNames();
    for (int k = 0; k <= names.size(); ++k) {
        auto codes = mLists.codes(k < names.size() ? names[k] : efiMedicationList());
        if (!codes) return codes.error();
        const int deficit = k < names.size() ? k + 1 : 36;  // 36: medications, for polypharmacy
        for (const QString &c : codes.value()) rows << QStringLiteral("(%1, %2)").arg(mDialect.quote(c)).arg(deficit);
    }
    for (int start = 0; start < rows.size(); start += 500)
        out << QStringLiteral("INSERT INTO efi_code(code, deficit) VALUES %1").arg(rows.mid(start, 500).join(QStringLiteral(", ")));
    out << QStringLiteral("CREATE INDEX IF NOT EXISTS temp.ix_efi_code ON efi_code(code)");
    // Long-term conditions for ltc_count.
    out << QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS ltc_code(code TEXT NOT NULL, condition INTEGER NOT NULL)")
        << QStringLiteral("DELETE FROM ltc_code");
    QStringList ltcRows;
    for (int k = 0; k < longTermConditions().size(); ++k) {
        auto codes = mLists.codes(longTermConditions()[k]);
        if (!codes) return codes.error();
        for (const QString &c : codes.value()) ltcRows << QStringLiteral("(%1, %2)").arg(mDialect.quote(c)).arg(k);
    }
    for (int start = 0; start < ltcRows.size(); start += 500)
        out << QStringLiteral("INSERT INTO ltc_code(code, condition) VALUES %1").arg(ltcRows.mid(start, 500).join(QStringLiteral(", ")));
    out << QStringLiteral("CREATE INDEX IF NOT EXISTS temp.ix_ltc_code ON ltc_code(code)");
    // The IMD domain ranks of the project's LSOAs (reference data, joined when it was opened).
    QStringList columns, domainRows;
    for (size_t k = 0; k < kImdDomains.size(); ++k) columns << QStringLiteral("rank_%1 INTEGER").arg(k);
    out << QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS imd_domain(idx INTEGER PRIMARY KEY, %1)").arg(columns.join(QStringLiteral(", ")))
        << QStringLiteral("DELETE FROM imd_domain");
    for (size_t l = 0; l < mProject.geography.lsoas.size(); ++l) {
        QStringList values{QString::number(l)};
        for (int rank : mProject.geography.lsoas[l].domainRank) values << QString::number(rank);
        domainRows << QStringLiteral("(%1)").arg(values.join(QStringLiteral(", ")));
    }
    for (int start = 0; start < domainRows.size(); start += 500)
        out << QStringLiteral("INSERT INTO imd_domain VALUES %1").arg(domainRows.mid(start, 500).join(QStringLiteral(", ")));
    return out;
}

Result<QString> SqlCompiler::selectPeople(const Expr &rule, int32_t indexDate) const {
    if (indexDate == kNoDate) indexDate = mProject.extractEnd;
    auto c = condition(rule, indexDate);
    if (!c) return c;
    return QStringLiteral("SELECT p.pid FROM person p WHERE %1").arg(c.value());
}

void SqlCompiler::usePersonValues(const QString &key, const QString &table, std::shared_ptr<const PersonValues> values) {
    mValueTables.insert(key, {table, std::move(values)});
}

namespace {
// The risk and segment fields a rule reads, each once.
void valueFields(const Expr &e, std::vector<std::pair<ValueField, const Expr *>> &out) {
    if (const auto f = valueField(e)) {
        const bool seen = std::any_of(out.begin(), out.end(), [&](const auto &o) {
            return o.first.kind == f->kind && o.first.argument.toLower() == f->argument.toLower();
        });
        if (!seen) out.emplace_back(*f, &e);
    }
    for (const auto &c : e.children) valueFields(*c, out);
}

// A TEMP table of the values (the people who have one), for the SQL engine's risk and segment fields.
Status writeValues(ProjectDb &db, const QString &table, const PersonValues &v) {
    if (auto s =
            db.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS %1(idx INTEGER PRIMARY KEY, value REAL, label INTEGER)").arg(table));
        !s)
        return s;
    if (auto s = db.exec(QStringLiteral("DELETE FROM %1").arg(table)); !s) return s;
    if (auto s = db.exec(QStringLiteral("BEGIN")); !s) return s;
    Statement st(db, QStringLiteral("INSERT INTO %1(idx, value, label) VALUES (?, ?, ?)").arg(table));
    const size_t n = std::max(v.value.size(), v.label.size());
    for (size_t i = 0; i < n; ++i) {
        const bool hasValue = i < v.value.size() && !std::isnan(v.value[i]);
        const bool hasLabel = i < v.label.size() && v.label[i] != PersonValues::kNoLabel;
        if (!hasValue && !hasLabel) continue;
        st.bind(1, int64_t(i));
        hasValue ? st.bind(2, double(v.value[i])) : st.bindNull(2);
        hasLabel ? st.bind(3, int64_t(v.label[i])) : st.bindNull(3);
        if (!st.stepDone()) {
            db.exec(QStringLiteral("ROLLBACK"));
            return Error{ErrorCode::SqlError, db.lastError(), table};
        }
    }
    return db.exec(QStringLiteral("COMMIT"));
}
}  // namespace

Result<EvaluationResult> evaluateWithSql(const Project &project, const CodeLists &lists, const Expr &rule, int32_t indexDate) {
    if (indexDate == kNoDate) indexDate = project.extractEnd;
    auto db = ProjectDb::open(project.path, false);
    if (!db) return db.error();
    SqlCompiler compiler(project, lists);
    auto preamble = compiler.preamble();
    if (!preamble) return preamble.error();
    for (const QString &sql : preamble.value())
        if (auto s = db.value()->exec(sql); !s) return s.error();
    std::vector<std::pair<ValueField, const Expr *>> fields;
    valueFields(rule, fields);
    for (size_t k = 0; k < fields.size(); ++k) {
        auto values = valuesFor(project, lists, fields[k].first, *fields[k].second, indexDate);
        if (!values) return values.error();
        const QString table = QStringLiteral("person_values_%1").arg(k);
        if (auto s = writeValues(*db.value(), table, *values.value()); !s) return s.error();
        compiler.usePersonValues(fields[k].first.kind + QLatin1Char('|') + fields[k].first.argument.toLower(), table, values.value());
    }
    EvaluationResult out;
    out.people.resize(size_t(project.persons.count));
    QStringList prefix;
    for (const Expr *clause : topLevelClauses(rule)) {
        auto c = compiler.condition(*clause, indexDate);
        if (!c) return c.error();
        prefix << QStringLiteral("(%1)").arg(c.value());
        Statement st(*db.value(), QStringLiteral("SELECT count(*) FROM person p WHERE %1").arg(prefix.join(QStringLiteral(" AND "))));
        if (!st.isValid() || !st.step()) return Error{ErrorCode::SqlError, db.value()->lastError(), prefix.join(QStringLiteral(" AND "))};
        out.attrition.push_back({clause->text, st.columnInt(0)});
    }
    auto sql = compiler.selectPeople(rule, indexDate);
    if (!sql) return sql.error();
    Statement st(*db.value(), sql.value());
    if (!st.isValid()) return Error{ErrorCode::SqlError, db.value()->lastError(), sql.value()};
    while (st.step()) out.people.set(size_t(st.columnInt(0)));
    if (!st.ok()) return Error{ErrorCode::SqlError, db.value()->lastError(), sql.value()};
    return out;
}

}  // namespace phm::core::rules
