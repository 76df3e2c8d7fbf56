#pragma once
// Packs, designed and exported in one place: the project's pack templates (which sections, which
// indicators, the title and the logo) on the left, the pages of one area's pack on the right as
// a preview, and the export of every pack of a level with the chosen template. Templates are
// read and written by core/packs/packtemplate; previews and exports run on the task runner with
// progress and cancel.
#include "geo/areas.h"
#include "indicators/indicators.h"
#include "packs/packtemplate.h"

#include <QDialog>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace phm::ui {

class BackgroundJob;
class ProjectController;

class PackDesigner : public QDialog {
    Q_OBJECT
public:
    explicit PackDesigner(ProjectController *controller, QWidget *parent = nullptr);
    QListWidget *templateList() const { return mTemplates; }
    QLineEdit *nameEdit() const { return mName; }
    QLineEdit *titleEdit() const { return mTitle; }
    QListWidget *sectionList() const { return mSections; }
    QListWidget *indicatorList() const { return mIndicators; }
    QComboBox *previewArea() const { return mArea; }
    QPushButton *previewButton() const { return mPreview; }
    QPushButton *saveButton() const { return mSave; }
    QLabel *status() const { return mStatus; }
    int previewPages() const;
    // The template as the form shows it.
    core::PackTemplate currentTemplate() const;
    void setLogo(const QByteArray &bytes);
    // Exports every pack of `level` (or only `onlyArea`, a code) into `folder` with the form's
    // template (Export packs… asks for both). `replace`: PDFs already in the folder may be replaced
    // (the user said so); without it the user is asked first.
    void exportTo(core::Area::Kind level, const QString &folder, bool replace = false, const QString &onlyArea = {});

signals:
    void templatesLoaded();
    void saved(bool ok);
    void previewReady(bool ok);
    void exported(bool ok);

private:
    void loadTemplates(const QString &select);
    void showTemplate(const core::PackTemplate &t);
    void save();
    void removeTemplate();
    void preview();
    void chooseLogo();
    void askAndExport();
    QListWidget *checkList(const QString &name);

    ProjectController *mController;
    std::vector<core::PackTemplate> mAll;
    std::vector<core::IndicatorDefinition> mDefinitions;
    QByteArray mLogo;
    QListWidget *mTemplates;
    QLineEdit *mName, *mTitle;
    QListWidget *mSections, *mIndicators;
    QComboBox *mMapIndicator, *mLevel, *mArea;
    QLabel *mLogoView, *mStatus;
    BackgroundJob *mLoadJob, *mSaveJob;  // reading templates; saving or removing one
    QPushButton *mSave, *mRemove, *mPreview, *mExport;
    QVBoxLayout *mPages;
};

}  // namespace phm::ui
