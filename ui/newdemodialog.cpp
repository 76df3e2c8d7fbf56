#include "newdemodialog.h"
#include "screenfit.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>

namespace phm::ui {

NewDemoDialog::NewDemoDialog(QWidget *parent)
    : QDialog(parent), mPeople(new QSpinBox(this)), mSeed(new QSpinBox(this)), mFolder(new QLineEdit(this)) {
    setWindowTitle(tr("New demo ICS"));
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("Creates a synthetic, pseudonymised extract of the Bedfordshire, Luton and Milton Keynes ICS "
                                "(real geography, synthetic people) and imports it into a new project."),
                             this);
    intro->setWordWrap(true);
    form->addRow(intro);
    mPeople->setRange(1000, 3000000);
    mPeople->setSingleStep(50000);
    mPeople->setGroupSeparatorShown(true);
    mPeople->setValue(1000000);
    form->addRow(tr("People:"), mPeople);
    mSeed->setRange(0, 999999);
    mSeed->setValue(2026);
    form->addRow(tr("Seed:"), mSeed);
    auto *row = new QHBoxLayout;
    mFolder->setText(QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(QStringLiteral("phm-demo")));
    auto *browse = new QPushButton(tr("Browse…"), this);
    row->addWidget(mFolder);
    row->addWidget(browse);
    form->addRow(tr("Folder:"), row);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the demo ICS"), mFolder->text());
        if (!dir.isEmpty()) mFolder->setText(dir);
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fitToScreen(this, sizeHint());
}

qint64 NewDemoDialog::people() const { return mPeople->value(); }
quint64 NewDemoDialog::seed() const { return quint64(mSeed->value()); }
QString NewDemoDialog::folder() const { return mFolder->text(); }

}  // namespace phm::ui
