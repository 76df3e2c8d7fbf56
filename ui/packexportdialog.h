#pragma once
// What to export before the PDFs are written: the area previewed, every PCN, every place, every
// care alliance or the ICS, and the folder (remembered between exports).
#include "geo/areas.h"

#include <QDialog>

class QButtonGroup;
class QLineEdit;

namespace phm::ui {

class PackExportDialog : public QDialog {
    Q_OBJECT
public:
    // `shown`: the area in the preview (offered as "only this area"); counts per level from `areas`.
    PackExportDialog(const core::AreaIndex &areas, const core::Area &shown, QWidget *parent = nullptr);
    core::Area::Kind level() const;
    int onlyArea() const;  // -1: every area of the level
    QString folder() const;
    void setFolder(const QString &folder);

private:
    QButtonGroup *mScope;
    QLineEdit *mFolder;
    core::Area mShown;
};

}  // namespace phm::ui
