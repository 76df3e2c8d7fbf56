#pragma once
// Makes or edits an indicator in the workbench: id, name, type, numerator rule or events
// measure, denominator, multiplier, polarity, description and source. Every change is checked as
// a definitions file would be (core checkIndicator) and the ICS value is previewed off the UI
// thread; Save stores the definition in the project (core saveProjectIndicator, in the
// background; the dialog closes when it is written), so the project carries it and every
// profile, map and trend shows it.
#include "indicators/indicators.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace phm::ui {

class BackgroundJob;
class ProjectController;

class IndicatorEditor : public QDialog {
    Q_OBJECT
public:
    IndicatorEditor(ProjectController *controller, const core::IndicatorDefinition &start, QWidget *parent = nullptr);
    core::IndicatorDefinition definition() const;
    void setDefinition(const core::IndicatorDefinition &d);
    QString problem() const { return mProblem; }  // empty when the definition is valid
    QLabel *preview() const { return mPreview; }
    // Starts storing the definition in the project; false (the problem is on show) if it is not
    // valid. saved() follows; a failed write is shown in a message box.
    bool save();

signals:
    void previewed();
    void saved(bool ok);

private:
    void check();
    void updatePreview();

    ProjectController *mController;
    QLineEdit *mId, *mName, *mTopic, *mSource;
    QComboBox *mType, *mPolarity;
    QPlainTextEdit *mNumerator, *mEvents, *mDenominator, *mDescription;
    QDoubleSpinBox *mMultiplier;
    QLabel *mStatus, *mPreview;
    QPushButton *mSave;
    QString mProblem;
    BackgroundJob *mPreviewing, *mStoring;  // the ICS value; saving or removing the definition
};

}  // namespace phm::ui
