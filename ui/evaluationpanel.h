#pragma once
// Evaluation: did a programme work? Pick a programme, the outcome and the method
// (difference-in-differences on matched controls, or an interrupted time series for an area), run
// it as a task (progress and Cancel in the status bar), and read the balance table, the monthly
// rates of the enrolled against their controls around the index date, the effect with its
// interval and the sentence that says what it means (core/operations/evaluateop). What is shown
// is the published result: counts under the project's disclosure policy. A saved cohort can be
// frozen into a programme here (FreezeDialog), and a result saved in the project and opened again
// from the list of saved evaluations (core/operations/programmeops).
#include <QJsonObject>
#include <QWidget>
#include <vector>

class QChartView;
class QComboBox;
class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace phm::ui {

class BackgroundJob;
class ProjectController;

class EvaluationPanel : public QWidget {
    Q_OBJECT
public:
    explicit EvaluationPanel(ProjectController *controller, QWidget *parent = nullptr);
    QComboBox *programmes() const { return mProgrammes; }
    QStandardItemModel *balanceModel() const { return mBalance; }
    QChartView *chart() const { return mChart; }
    const QJsonObject &result() const { return mResult; }
    QComboBox *savedEvaluations() const { return mSaved; }
    QComboBox *outcomeBox() const { return mOutcome; }
    QLineEdit *customOutcome() const { return mCustomOutcome; }
    QLabel *status() const { return mStatus; }
    QCheckBox *matchRisk() const { return mMatchRisk; }
    QComboBox *matchSegment() const { return mMatchSegment; }
    QComboBox *itsErrors() const { return mItsErrors; }
    // Starts the evaluation with the choices on screen (false while another task runs).
    bool run();
    // Saves the result on screen under `name` (false when there is none to save).
    bool saveAs(const QString &name);
    // Asks for a name, then saves.
    void saveAsked();
    void freezeAsked();

signals:
    void evaluated();
    void programmesLoaded();
    void savedLoaded();
    void saved(bool ok);

private:
    QFormLayout *buildForm();  // the choices, left of the result
    void loadProgrammes();
    void show(const QJsonObject &published);
    void showDid(const QJsonObject &o);
    void showIts(const QJsonObject &o);
    void methodChanged();
    void loadSaved();
    void openSaved(int index);
    void watchSession();

    ProjectController *mController;
    BackgroundJob *mLoad;
    QComboBox *mProgrammes, *mOutcome, *mMethod, *mMatch;
    QCheckBox *mMatchRisk = nullptr;     // made in buildForm
    QComboBox *mMatchSegment = nullptr;  // made in buildForm
    QComboBox *mItsErrors = nullptr;     // made in buildForm
    QSpinBox *mPre, *mPost, *mRatio;
    QLineEdit *mCustomOutcome, *mArea;
    QPushButton *mRun, *mFreeze, *mSave;
    QComboBox *mSaved;
    BackgroundJob *mSavedLoad, *mWrite;
    QJsonObject mSettings;                 // the request of the result on screen (ops::evaluationSettingsJson)
    std::vector<QJsonObject> mSavedItems;  // the saved evaluations listed, as published
    QLabel *mStatus, *mEffect, *mSummary;
    QTableView *mBalanceView;
    QStandardItemModel *mBalance;
    QChartView *mChart;
    QJsonObject mResult;
};

}  // namespace phm::ui
