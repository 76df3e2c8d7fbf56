#pragma once
// Evaluation: did a programme work? Pick a programme, the outcome and the method
// (difference-in-differences on matched controls, or an interrupted time series for an area), run
// it as a task (progress and Cancel in the status bar), and read the balance table, the monthly
// rates of the enrolled against their controls around the index date, the effect with its
// interval and the sentence that says what it means (core/operations/evaluateop). What is shown
// is the published result: counts under the project's disclosure policy.
#include <QJsonObject>
#include <QWidget>

class QChartView;
class QComboBox;
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
    // Starts the evaluation with the choices on screen (false while another task runs).
    bool run();

signals:
    void evaluated();
    void programmesLoaded();

private:
    void loadProgrammes();
    void show(const QJsonObject &published);
    void showDid(const QJsonObject &o);
    void showIts(const QJsonObject &o);
    void methodChanged();

    ProjectController *mController;
    BackgroundJob *mLoad;
    QComboBox *mProgrammes, *mOutcome, *mMethod, *mMatch;
    QSpinBox *mPre, *mPost, *mRatio;
    QLineEdit *mArea;
    QPushButton *mRun;
    QLabel *mStatus, *mEffect, *mSummary;
    QTableView *mBalanceView;
    QStandardItemModel *mBalance;
    QChartView *mChart;
    QJsonObject mResult;
};

}  // namespace phm::ui
