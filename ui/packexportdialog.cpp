#include "packexportdialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

namespace phm::ui {

namespace {
constexpr int kOnlyShown = 100;  // button id of "only this area"; the others are the levels (ids below 0 are Qt's)
const char *kFolderKey = "packExportFolder";
}  // namespace

PackExportDialog::PackExportDialog(const core::AreaIndex &areas, const core::Area &shown, QWidget *parent)
    : QDialog(parent), mScope(new QButtonGroup(this)), mFolder(new QLineEdit(this)), mShown(shown) {
    setWindowTitle(tr("Export packs"));
    setObjectName(QStringLiteral("packExportDialog"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Which packs?"), this));
    auto add = [&](int id, const QString &text) {
        auto *b = new QRadioButton(text, this);
        b->setObjectName(id == kOnlyShown ? QStringLiteral("scope0") : QStringLiteral("scope%1").arg(id + 1));
        mScope->addButton(b, id);
        layout->addWidget(b);
        return b;
    };
    add(kOnlyShown, tr("Only %1").arg(areas.name(shown)))->setChecked(true);
    for (const auto &[kind, text] :
         {std::pair{core::Area::Pcn, tr("Every PCN (%n packs)", nullptr, areas.areaCount(core::Area::Pcn))},
          std::pair{core::Area::Place, tr("Every place (%n packs)", nullptr, areas.areaCount(core::Area::Place))},
          std::pair{core::Area::Alliance, tr("Every care alliance (%n packs)", nullptr, areas.areaCount(core::Area::Alliance))},
          std::pair{core::Area::Ics, tr("The whole ICS (1 pack)")}})
        add(int(kind), text);
    auto *folderRow = new QHBoxLayout;
    mFolder->setObjectName(QStringLiteral("packFolder"));
    mFolder->setText(QSettings().value(QLatin1String(kFolderKey), QDir::homePath()).toString());
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getExistingDirectory(this, tr("Folder for the PDF packs"), mFolder->text());
        if (!f.isEmpty()) mFolder->setText(QDir::toNativeSeparators(f));
    });
    folderRow->addWidget(new QLabel(tr("Folder:"), this));
    folderRow->addWidget(mFolder, 1);
    folderRow->addWidget(browse);
    layout->addLayout(folderRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings().setValue(QLatin1String(kFolderKey), folder());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mFolder, &QLineEdit::textChanged, this,
            [this, buttons] { buttons->button(QDialogButtonBox::Ok)->setEnabled(!mFolder->text().trimmed().isEmpty()); });
    layout->addWidget(buttons);
}

core::Area::Kind PackExportDialog::level() const {
    const int id = mScope->checkedId();
    return id == kOnlyShown ? mShown.kind : core::Area::Kind(id);
}

int PackExportDialog::onlyArea() const { return mScope->checkedId() == kOnlyShown ? mShown.index : -1; }

QString PackExportDialog::folder() const { return QDir::fromNativeSeparators(mFolder->text().trimmed()); }

void PackExportDialog::setFolder(const QString &folder) { mFolder->setText(QDir::toNativeSeparators(folder)); }

}  // namespace phm::ui
