// The rule language: what parses, what errors say and where, and that no input crashes it.
#include "rules/rulecatalogue.h"
#include "rules/ruleparser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace phm::core::rules;

class TestRuleParser : public QObject {
    Q_OBJECT
    CodeLists mLists;

private slots:
    void validRules_data() {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<int>("clauses");
        QTest::newRow("attributes") << "age >= 65 and sex = 'F' and imd_decile in (1, 2)" << 3;
        QTest::newRow("between") << "age between 40 and 74" << 1;
        QTest::newRow("issue examples")
            << "has(gp, @diabetes) and count(ae, last 12 months) >= 2 and count(apc, emergency, last 24 months) >= 1 "
               "and cost(all, last 12 months) > 5000 and latest(gp, @hba1c).value > 58"
            << 5;
        QTest::newRow("or, not, parentheses") << "(carer or lives_alone) and not care_home" << 2;
        QTest::newRow("not in, text") << "place not in ('Luton', 'Bedford')" << 1;
        QTest::newRow("cohort") << "in_cohort(\"Frail over 75s\") and age > 80" << 2;
        QTest::newRow("case and comments") << "AGE >= 18 AND Has(GP, @asthma)  # adults with asthma\n" << 2;
        QTest::newRow("multi-line") << "age >= 65\nand has(gp, @efi-falls, last 2 years)" << 2;
    }
    void validRules() {
        QFETCH(QString, rule);
        QFETCH(int, clauses);
        const ParseResult r = parseRule(rule, &mLists);
        QVERIFY2(r.ok(), qPrintable(r.error.format(rule)));
        QCOMPARE(int(topLevelClauses(*r.expr).size()), clauses);
    }

    void errors_data() {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("typo in field") << "age > 50 and imd_decil <= 2" << 1 << 14
                                       << "unknown field `imd_decil`: did you mean `imd_decile`?";
        QTest::newRow("typo in dataset") << "has(gpp, @diabetes)" << 1 << 5 << "did you mean `gp`?";
        QTest::newRow("typo in code list") << "has(gp, @diabetis)" << 1 << 10 << "did you mean `@diabetes`?";
        QTest::newRow("bad filter") << "count(apc, emergncy) > 1" << 1 << 12 << "did you mean `emergency`?";
        QTest::newRow("unquoted text") << "place = Luton" << 1 << 9 << "put text in quotes";
        QTest::newRow("text vs number") << "sex = 2" << 1 << 1 << "`sex` is text";
        QTest::newRow("number vs text") << "age = 'old'" << 1 << 1 << "`age` is a number";
        QTest::newRow("unclosed paren") << "(age > 5" << 1 << 9 << "expected `)` but the rule ends here";
        QTest::newRow("dangling and") << "age > 5 and" << 1 << 12 << "expected a condition but the rule ends here";
        QTest::newRow("second line") << "age > 5\nand count(ae) >" << 2 << 16 << "expected a number";
        QTest::newRow("latest without list") << "latest(gp).value > 5" << 1 << 1 << "needs a code list";
        QTest::newRow("unclosed quote") << "place = 'Luton" << 1 << 9 << "never closed";
        QTest::newRow("stray character") << "age > 5 ; sex = 'F'" << 1 << 9 << "unexpected character `;`";
        QTest::newRow("empty") << "" << 1 << 1 << "the rule ends here";
    }
    void errors() {
        QFETCH(QString, rule);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const ParseResult r = parseRule(rule, &mLists);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.message.contains(message), qPrintable(r.error.message));
        QCOMPARE(r.error.where.line, line);
        QCOMPARE(r.error.where.column, column);
        // The formatted error points at the column with a caret under the right line.
        const QStringList shown = r.error.format(rule).split(QLatin1Char('\n'));
        QCOMPARE(shown.size(), 3);
        QCOMPARE(shown[2], QString(column - 1, QLatin1Char(' ')) + QLatin1Char('^'));
    }

    void clauseTextIsTheSource() {
        // Attrition labels and panel criteria: each clause's source text, quotes included,
        // comments left out (a regression: `sex = 'F'` was cut to `sex = '`).
        const QString text = QStringLiteral("sex = 'F' # women\nand place in (\"Luton\", 'Bedford') and practice = 'A # B'");
        const ParseResult r = parseRule(text);
        QVERIFY(r.ok());
        const auto clauses = topLevelClauses(*r.expr);
        QCOMPARE(int(clauses.size()), 3);
        QCOMPARE(clauses[0]->text, QStringLiteral("sex = 'F'"));
        QCOMPARE(clauses[1]->text, QStringLiteral("place in (\"Luton\", 'Bedford')"));
        QCOMPARE(clauses[2]->text, QStringLiteral("practice = 'A # B'"));  // a # inside quotes is text
    }

    void nestingIsBounded() {
        const QString deep = QString(5000, QLatin1Char('(')) + QStringLiteral("age > 1") + QString(5000, QLatin1Char(')'));
        const ParseResult r = parseRule(deep, &mLists);
        QVERIFY(!r.ok());
        QVERIFY(r.error.message.contains(QStringLiteral("nested too deeply")));
    }

    void conditionsAndListsAreBounded() {
        // 2,000 conditions joined by `or` are 2,001 nodes: one too many, refused at the last condition.
        QStringList carers(2000, QStringLiteral("carer"));
        const QString many = carers.join(QStringLiteral(" or "));
        const ParseResult r = parseRule(many, &mLists);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.message.contains(QStringLiteral("more than 2000 conditions")), qPrintable(r.error.message));
        QCOMPARE(r.error.where.line, 1);
        QCOMPARE(r.error.where.column, int(many.lastIndexOf(QStringLiteral("carer"))) + 1);
        carers.removeLast();
        QVERIFY(parseRule(carers.join(QStringLiteral(" or ")), &mLists).ok());  // 2,000 nodes are allowed
        // A list of 1,000 values is fine; the 1,001st is refused where it stands.
        QStringList values;
        for (int i = 0; i < 1001; ++i) values << QString::number(i);
        const QString tooLong = QStringLiteral("age in (%1)").arg(values.join(QStringLiteral(", ")));
        const ParseResult l = parseRule(tooLong, &mLists);
        QVERIFY(!l.ok());
        QVERIFY2(l.error.message.contains(QStringLiteral("at most 1000 values")), qPrintable(l.error.message));
        QCOMPARE(l.error.where.column, int(tooLong.lastIndexOf(QStringLiteral("1000"))) + 1);
        values.removeLast();
        QVERIFY(parseRule(QStringLiteral("age in (%1)").arg(values.join(QStringLiteral(", "))), &mLists).ok());
        // And the text itself.
        const ParseResult huge = parseRule(QStringLiteral("carer ") + QString(300000, QLatin1Char(' ')), &mLists);
        QVERIFY(!huge.ok());
        QVERIFY(huge.error.message.contains(QStringLiteral("longer than 200000 characters")));
    }

    void fuzzNeverCrashes() {
        // Random bytes and mutations of valid rules (insert, delete, swap characters). Run under
        // AddressSanitizer/UBSan with scripts/fuzz.sh; here the checks are that every input returns
        // and that an error always has a location inside the text.
        const QStringList seeds = {
            QStringLiteral("age >= 65 and has(gp, @diabetes, last 12 months) or not (carer and imd_decile in (1,2))"),
            QStringLiteral("count(apc, emergency, last 24 months) >= 1 and latest(gp, @hba1c).value > 58"),
            QStringLiteral("cost(all, last 12 months) > 5000 and place not in ('Luton') and in_cohort(\"x\")")};
        const QString alphabet = QStringLiteral("()@,.'\"<>=!#_- \n\tandornotinhasagecount0123456789gpae");
        QRandomGenerator rng(42);
        for (int i = 0; i < 20000; ++i) {
            QString text;
            if (i % 4 == 0) {
                const int n = int(rng.bounded(60));
                for (int k = 0; k < n; ++k) text += alphabet[int(rng.bounded(alphabet.size()))];
            } else {
                text = seeds[int(rng.bounded(seeds.size()))];
                const int edits = 1 + int(rng.bounded(4));
                for (int k = 0; k < edits && !text.isEmpty(); ++k) {
                    const int at = int(rng.bounded(text.size()));
                    switch (rng.bounded(3)) {
                        case 0:
                            text.insert(at, alphabet[int(rng.bounded(alphabet.size()))]);
                            break;
                        case 1:
                            text.remove(at, 1 + int(rng.bounded(3)));
                            break;
                        default:
                            std::swap(text[at], text[int(rng.bounded(text.size()))]);
                            break;
                    }
                }
            }
            const ParseResult r = parseRule(text, &mLists);
            if (!r.ok()) {
                QVERIFY(r.error.where.offset >= 0 && r.error.where.offset <= text.size());
                QVERIFY(!r.error.message.isEmpty());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestRuleParser)
#include "tst_ruleparser.moc"
