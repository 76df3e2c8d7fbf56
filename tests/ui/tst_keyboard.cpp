// The workbench by keyboard: a View menu with Ctrl+1…9 for the panels, an Edit menu driving the
// rule's undo history, F1 help for the panel in use and the rule reference inside the program,
// Tab never trapped (rule editor, tables), and completion of fields, functions and @code lists.
#include "cohortpanel.h"
#include "helpbrowser.h"
#include "mainwindow.h"
#include "ruleeditor.h"
#include "testutil.h"
#include "windowparts.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCompleter>
#include <QDockWidget>
#include <QMenu>
#include <QTabBar>
#include <QTest>
#include <QTextBrowser>

using namespace phm;
using phm::test::part;

class TestKeyboard : public QObject {
    Q_OBJECT

    static void showActive(QWidget &w) {
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
    }
    // In front: shown, and its tab (docks sharing a place are tabs named by their titles) current.
    static void ctrl3(QWidget &w) { QTest::keyClick(&w, '3', Qt::ControlModifier); }
    static bool inFront(const QDockWidget *dock) {
        if (dock->isHidden()) return false;
        for (QTabBar *bar : dock->parentWidget()->findChildren<QTabBar *>(Qt::FindDirectChildrenOnly))
            for (int i = 0; i < bar->count(); ++i)
                if (bar->isVisible() && bar->tabText(i) == dock->windowTitle()) return bar->currentIndex() == i;
        return true;
    }

private slots:
    void viewMenuReachesEveryPanelWithCtrlNumber() {
        ui::MainWindow w;
        showActive(w);
        const QList<QAction *> actions = part<QMenu>(w, QStringLiteral("viewMenu"))->actions();
        QStringList docks;
        const QStringList order{QStringLiteral("geography"), QStringLiteral("dataOverview"), QStringLiteral("cohortBuilder")};
        for (int n = 1; n <= 9; ++n) {
            const QKeySequence key(Qt::CTRL | Qt::Key(Qt::Key_0 + n));
            const auto it = std::find_if(actions.begin(), actions.end(), [&](QAction *a) { return a->shortcut() == key; });
            QVERIFY2(it != actions.end(), qPrintable(key.toString()));
            QVERIFY((*it)->isCheckable());
            docks << (*it)->objectName();
            if (n <= 3) QCOMPARE((*it)->objectName(), order[n - 1] + QStringLiteral("ViewAction"));
        }
        docks.removeDuplicates();
        QCOMPARE(docks.size(), 9);
        // Ctrl+3 brings the cohort builder (a tab behind the data overview) to the front, focus in it.
        auto *cohorts = part<QDockWidget>(w, QStringLiteral("cohortBuilder"));
        QVERIFY(!inFront(cohorts));
        ctrl3(w);
        QTRY_VERIFY(inFront(cohorts));
        QVERIFY(cohorts->isAncestorOf(QApplication::focusWidget()));
        QVERIFY(part<QAction>(w, QStringLiteral("cohortBuilderViewAction"))->isChecked());
        // Pressed again while in front, it closes the panel; once more, it comes back.
        ctrl3(w);
        QTRY_VERIFY(cohorts->isHidden());
        QVERIFY(!part<QAction>(w, QStringLiteral("cohortBuilderViewAction"))->isChecked());
        ctrl3(w);
        QTRY_VERIFY(inFront(cohorts));
    }

    void editMenuUndoesAndRedoesTheRule() {
        ui::MainWindow w;
        auto *c = part<ui::CohortPanel>(w);
        c->setRuleText(QStringLiteral("age >= 65"));
        c->setRuleText(QStringLiteral("age >= 65 and rural"));
        auto *undo = part<QAction>(w, QStringLiteral("undoAction"));
        QCOMPARE(undo->shortcut(), QKeySequence(QKeySequence::Undo));
        undo->trigger();
        QCOMPARE(c->editor()->toPlainText(), QStringLiteral("age >= 65"));
        part<QAction>(w, QStringLiteral("redoAction"))->trigger();
        QCOMPARE(c->editor()->toPlainText(), QStringLiteral("age >= 65 and rural"));
        QCOMPARE(part<QAction>(w, QStringLiteral("copyAction"))->shortcut(), QKeySequence(QKeySequence::Copy));
    }

    void f1HelpsWithThePanelInUse() {
        ui::MainWindow w;
        showActive(w);
        ctrl3(w);  // the cohort builder, focus in it
        auto *editor = part<ui::CohortPanel>(w)->editor();
        editor->setFocus();
        QTRY_VERIFY(editor->hasFocus());
        QTest::keyClick(editor, Qt::Key_F1);
        auto *help = part<ui::HelpBrowser>(w, QStringLiteral("helpBrowser"));
        QTRY_VERIFY(help->isVisible());
        QCOMPARE(help->currentTopic(), QStringLiteral("cohortBuilder"));
        QVERIFY2(help->browser()->toPlainText().contains(QStringLiteral("Base population")),
                 qPrintable(help->browser()->toPlainText().left(200)));
        // The rule language reference is in the program, not only in docs/rules.md.
        part<QAction>(w, QStringLiteral("ruleReferenceAction"))->trigger();
        QCOMPARE(help->currentTopic(), QStringLiteral("rules"));
        const QString text = help->browser()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("in_cohort")) && text.contains(QStringLiteral("efi_category")));
        // Every panel has its own page; an unknown topic falls back to the contents.
        for (QDockWidget *dock : w.findChildren<QDockWidget *>())
            QVERIFY2(ui::HelpBrowser::pagePath(dock->objectName()).endsWith(dock->objectName() + QStringLiteral(".md")),
                     qPrintable(dock->objectName()));
        QCOMPARE(ui::HelpBrowser::pagePath(QStringLiteral("nonsense")), QStringLiteral(":/docs/help/index.md"));
    }

    void menusShowAAndEAsWritten() {
        ui::MainWindow w;
        part<ui::CohortPanel>(w)->setRuleText(QStringLiteral("age >= 65"));  // a group, with its menu of criteria
        // What a menu shows: "&&" is a literal ampersand, a lone "&" marks the shortcut letter.
        auto shown = [](QString text) {
            return text.replace(QStringLiteral("&&"), QStringLiteral("\x01"))
                .remove(QLatin1Char('&'))
                .replace(QStringLiteral("\x01"), QStringLiteral("&"));
        };
        auto offersAandE = [&] {
            for (QMenu *menu : w.findChildren<QMenu *>())
                for (QAction *a : menu->actions())
                    if (shown(a->text()).contains(QStringLiteral("A&E"))) return true;
            return false;
        };
        QTRY_VERIFY(offersAandE());
        for (QMenu *menu : w.findChildren<QMenu *>())
            for (QAction *a : menu->actions()) QVERIFY2(!shown(a->text()).startsWith(QStringLiteral("AE ")), qPrintable(a->text()));
    }

    void tabIsNeverTrapped() {
        ui::MainWindow w;
        showActive(w);
        ctrl3(w);
        auto *editor = part<ui::CohortPanel>(w)->editor();
        editor->setFocus();
        QTRY_VERIFY(editor->hasFocus());
        QTest::keyClicks(editor, QStringLiteral("age"));
        QTest::keyClick(editor, Qt::Key_Tab);
        QVERIFY(!editor->hasFocus());
        QCOMPARE(editor->toPlainText(), QStringLiteral("age"));
        for (QAbstractItemView *view : w.findChildren<QAbstractItemView *>())
            if (!qobject_cast<QMenu *>(view->window())) QVERIFY2(!view->tabKeyNavigation(), qPrintable(view->objectName()));
    }

    void theRuleEditorCompletesFieldsFunctionsAndCodeLists() {
        ui::MainWindow w;
        showActive(w);
        ctrl3(w);
        auto *editor = part<ui::CohortPanel>(w)->editor();
        editor->setFocus();
        QTRY_VERIFY(editor->hasFocus());
        QAbstractItemView *popup = editor->completer()->popup();
        QTest::keyClicks(editor, QStringLiteral("has(gp, @diab"));
        QTRY_VERIFY(popup->isVisible());
        QCOMPARE(editor->completer()->currentCompletion(), QStringLiteral("@diabetes"));
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_VERIFY(!popup->isVisible());
        QCOMPARE(editor->toPlainText(), QStringLiteral("has(gp, @diabetes"));
        // A function comes with its brackets and the cursor where the next word goes.
        editor->clear();
        QTest::keyClicks(editor, QStringLiteral("coun"));
        QTRY_VERIFY(popup->isVisible());
        QVERIFY(editor->completer()->currentCompletion().startsWith(QStringLiteral("count(")));
        QTest::keyClick(popup, Qt::Key_Tab);
        QVERIFY(editor->toPlainText().startsWith(QStringLiteral("count(")));
        QVERIFY(editor->hasFocus());  // Tab took the completion, it did not leave the editor
        // A field typed in full offers nothing more.
        editor->clear();
        QTest::keyClicks(editor, QStringLiteral("rural"));
        QVERIFY(!popup->isVisible());
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
