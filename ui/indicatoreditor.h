#pragma once
// Makes or edits an indicator in the workbench: id, name, type, numerator rule or events
// measure, denominator, multiplier, polarity, description and source. Every change is checked as
// a definitions file would be (core checkIndicator) and the ICS value is previewed off the UI
// thread; Save stores the definition in the project (core saveProjectIndicator), so the project
// carries it and every profile, map and trend shows it.
#include "indicators/indicators.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace phm::ui {

class ProjectController;

class IndicatorEditor : public QDialog {
    Q_OBJECT
public:
    IndicatorEditor(ProjectController *controller, const core::IndicatorDefinition &start, QWidget *parent = nullptr);
    core::IndicatorDefinition definition() const;
    void setDefinition(const core::IndicatorDefinition &d);
    QString problem() const { return mProblem; }  // empty when the definition is valid
    QLabel *preview() const { return mPreview; }
    bool save();  // stores in the project; false (and the reason shown) if it cannot

signals:
    void previewed();

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
    QFutureWatcher<QString> mWatcher;
    bool mPreviewAgain = false;
};

}  // namespace phm::ui
