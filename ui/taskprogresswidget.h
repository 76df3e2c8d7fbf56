#pragma once
// Status-bar strip showing the running task: phase text, progress bar and a Cancel button.
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace phm::ui {

class TaskRunner;

class TaskProgressWidget : public QWidget {
    Q_OBJECT
public:
    explicit TaskProgressWidget(TaskRunner *runner, QWidget *parent = nullptr);

private:
    QLabel *mLabel;
    QProgressBar *mBar;
    QToolButton *mCancel;
};

}  // namespace phm::ui
