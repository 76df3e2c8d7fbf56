#pragma once
// The code-list browser of the cohort builder: find a list by name, see every code with its
// description and how many people and events have it in the chosen dataset (disclosure control
// applied, as everywhere on screen), and pick the list for a criterion.
#include "session/session.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QStandardItemModel;
class QTableView;

namespace phm::ui {

class BackgroundJob;

class CodeListBrowser : public QDialog {
    Q_OBJECT
public:
    CodeListBrowser(core::SessionPtr session, const QString &dataset, QWidget *parent = nullptr);
    QString chosenList() const;  // without the @
    QString dataset() const;
    void selectList(const QString &name);
    QStandardItemModel *codes() const { return mCodes; }
    QLabel *summary() const { return mSummary; }

signals:
    void countsShown();  // the codes of the selected list are on screen

private:
    void filter(const QString &text);
    void showList();

    core::SessionPtr mSession;
    QLineEdit *mSearch;
    QListWidget *mLists;
    QComboBox *mDataset;
    QTableView *mTable;
    QStandardItemModel *mCodes;
    QLabel *mSummary;
    BackgroundJob *mJob;
};

}  // namespace phm::ui
