#pragma once
// In-app help: the panel pages (docs/help/*.md) and the rule language reference (docs/rules.md),
// compiled into the program as resources and shown as formatted Markdown in one window, with
// links between pages, back and forward. One browser per main window; asking again re-uses it.
#include <QDialog>

class QTextBrowser;

namespace phm::ui {

class HelpBrowser : public QDialog {
    Q_OBJECT
public:
    explicit HelpBrowser(QWidget *parent = nullptr);
    // A panel's page by the panel's object name (e.g. "cohortBuilder"); the index when unknown.
    void showTopic(const QString &topic);
    void showRuleReference();
    QString currentTopic() const;
    QTextBrowser *browser() const { return mBrowser; }

    static QString pagePath(const QString &topic);  // ":/docs/help/<topic>.md", or the index's

private:
    QTextBrowser *mBrowser;
};

}  // namespace phm::ui
