#include "taskprogresswidget.h"

#include "taskrunner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace phm::ui {

TaskProgressWidget::TaskProgressWidget(TaskRunner *runner, QWidget *parent)
    : QWidget(parent), mLabel(new QLabel(this)), mBar(new QProgressBar(this)), mCancel(new QToolButton(this)) {
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mLabel);
    layout->addWidget(mBar);
    layout->addWidget(mCancel);
    mBar->setRange(0, 100);
    mBar->setMaximumWidth(220);
    mCancel->setText(tr("Cancel"));
    mCancel->setToolTip(tr("Stop the running task; the open project is left as it was"));
    setVisible(false);
    connect(mCancel, &QToolButton::clicked, runner, &TaskRunner::cancel);
    connect(runner, &TaskRunner::started, this, [this] { setVisible(true); });
    connect(runner, &TaskRunner::finished, this, [this] { setVisible(false); });
    connect(runner, &TaskRunner::progressChanged, this, [this](int percent, const QString &phase) {
        mBar->setValue(percent);
        mLabel->setText(phase);
    });
}

}  // namespace phm::ui
