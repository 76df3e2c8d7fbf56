#include "helpbrowser.h"
#include "screenfit.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace phm::ui {

HelpBrowser::HelpBrowser(QWidget *parent) : QDialog(parent), mBrowser(new QTextBrowser(this)) {
    setWindowTitle(tr("PHM Workbench help"));
    setObjectName(QStringLiteral("helpBrowser"));
    mBrowser->setObjectName(QStringLiteral("helpText"));
    mBrowser->setOpenExternalLinks(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *back = buttons->addButton(tr("Back"), QDialogButtonBox::ActionRole);
    auto *contents = buttons->addButton(tr("Contents"), QDialogButtonBox::ActionRole);
    auto *rules = buttons->addButton(tr("Rule language"), QDialogButtonBox::ActionRole);
    connect(back, &QPushButton::clicked, mBrowser, &QTextBrowser::backward);
    connect(mBrowser, &QTextBrowser::backwardAvailable, back, &QPushButton::setEnabled);
    connect(contents, &QPushButton::clicked, this, [this] { showTopic(QStringLiteral("index")); });
    connect(rules, &QPushButton::clicked, this, &HelpBrowser::showRuleReference);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    back->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(mBrowser, 1);
    layout->addWidget(buttons);
    fitToScreen(this, QSize(720, 560));
}

QString HelpBrowser::pagePath(const QString &topic) {
    const QString path = QStringLiteral(":/docs/help/%1.md").arg(topic);
    return QFileInfo::exists(path) ? path : QStringLiteral(":/docs/help/index.md");
}

void HelpBrowser::showTopic(const QString &topic) {
    mBrowser->setSource(QUrl(QStringLiteral("qrc") + pagePath(topic)), QTextDocument::MarkdownResource);
}

void HelpBrowser::showRuleReference() { mBrowser->setSource(QUrl(QStringLiteral("qrc:/docs/rules.md")), QTextDocument::MarkdownResource); }

QString HelpBrowser::currentTopic() const { return QFileInfo(mBrowser->source().path()).completeBaseName(); }

}  // namespace phm::ui
