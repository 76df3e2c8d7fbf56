// The visual criterion editor: each criterion of the cohort builder's panel as field, operator
// and value widgets (or has/count, dataset, code lists and window for events), written back as
// rule text; shapes a form cannot hold stay text; the code-list browser shows every code with
// its description and protected counts of people and events.
#include "codelistbrowser.h"
#include "criterioneditor.h"
#include "testutil.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace phm;

class TestCriteria : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    core::SessionPtr mSession;

    static QString lastEdit(const QSignalSpy &spy) { return spy.isEmpty() ? QString() : spy.last().first().toString(); }

private slots:
    void initTestCase() {
        test::makeProject(mDir.path(), 3000, 8);
        core::Feedback fb;
        auto s = core::Session::open(mDir.filePath(QStringLiteral("project.phm")), fb);
        QVERIFY(s);
        mSession = s.value();
    }

    void aComparisonIsFieldOperatorAndValue() {
        ui::CriterionEditor e(QStringLiteral("age >= 65"), nullptr, {});
        QVERIFY(e.showsForm());
        QCOMPARE(e.fieldBox()->currentText(), QStringLiteral("age"));
        QCOMPARE(e.operatorBox()->currentText(), QStringLiteral(">="));
        QCOMPARE(e.valueEdit()->text(), QStringLiteral("65"));
        QSignalSpy edited(&e, &ui::CriterionEditor::edited);
        e.operatorBox()->setCurrentText(QStringLiteral("<"));
        QCOMPARE(lastEdit(edited), QStringLiteral("age < 65"));
        e.fieldBox()->setCurrentText(QStringLiteral("imd_decile"));
        QCOMPARE(lastEdit(edited), QStringLiteral("imd_decile < 65"));
        e.valueEdit()->setText(QStringLiteral("3"));
        emit e.valueEdit()->editingFinished();
        QCOMPARE(lastEdit(edited), QStringLiteral("imd_decile < 3"));
        QCOMPARE(e.text(), QStringLiteral("imd_decile < 3"));
    }

    void anEventIsDatasetCodesAndWindow() {
        int asked = 0;
        ui::CriterionEditor e(QStringLiteral("has(gp, @diabetes)"), nullptr,
                              [&](const QString &dataset, const QString &current, QWidget *) -> std::optional<QString> {
                                  ++asked;
                                  return dataset == QStringLiteral("gp") && current == QStringLiteral("diabetes")
                                             ? std::optional<QString>(QStringLiteral("copd"))
                                             : std::nullopt;
                              });
        QVERIFY(e.showsForm());
        QCOMPARE(e.codeListButton()->text(), QStringLiteral("@diabetes"));
        QSignalSpy edited(&e, &ui::CriterionEditor::edited);
        e.windowBox()->setCurrentIndex(e.windowBox()->findData(12));
        QCOMPARE(lastEdit(edited), QStringLiteral("has(gp, @diabetes, last 12 months)"));
        e.codeListButton()->click();  // the code-list browser, here a stand-in that picks @copd
        QCOMPARE(asked, 1);
        QCOMPARE(lastEdit(edited), QStringLiteral("has(gp, @copd, last 12 months)"));
        e.findChild<QComboBox *>(QStringLiteral("criterionMode"))->setCurrentIndex(1);  // count of records
        QCOMPARE(lastEdit(edited), QStringLiteral("count(gp, @copd, last 12 months) >= 1"));
    }

    void otherShapesStayText() {
        ui::CriterionEditor e(QStringLiteral("age between 40 and 74"), nullptr, {});
        QVERIFY(!e.showsForm());
        QCOMPARE(e.textEdit()->text(), QStringLiteral("age between 40 and 74"));
    }

    void theBrowserShowsEveryCodeWithProtectedCounts() {
        ui::CodeListBrowser b(mSession, QStringLiteral("gp"));
        QSignalSpy shown(&b, &ui::CodeListBrowser::countsShown);
        b.selectList(QStringLiteral("diabetes"));
        QVERIFY(shown.wait(20000));
        QCOMPARE(b.chosenList(), QStringLiteral("diabetes"));
        const int codes = int(mSession->codeLists().codes(QStringLiteral("diabetes")).value().size());
        QCOMPARE(b.codes()->rowCount(), codes);
        QCOMPARE(b.codes()->item(0, 1)->text(), QStringLiteral("Diabetes mellitus without complication (disorder)"));
        // People per code: suppressed (*) or a multiple of the rounding base, never a small exact count.
        for (int r = 0; r < b.codes()->rowCount(); ++r) {
            const QString people = b.codes()->item(r, 2)->text();
            if (people == QStringLiteral("*") || people == QStringLiteral("0")) continue;
            QVERIFY2(QString(people).remove(QLatin1Char(0x2c)).toLongLong() % 5 == 0, qPrintable(people));
        }
        QVERIFY(b.summary()->text().contains(QStringLiteral("people have any of them")));
    }
};

QTEST_MAIN(TestCriteria)
#include "tst_criteria.moc"
