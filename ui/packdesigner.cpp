#include "packdesigner.h"

#include "background.h"
#include "governance/disclosurepolicy.h"
#include "packwriter.h"
#include "projectcontroller.h"
#include "taskrunner.h"

#include <QBuffer>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace phm::ui {

namespace {
constexpr double kPreviewDpi = 60;

QString sectionLabel(core::PackSection s) {
    switch (s) {
        case core::PackSection::NextSteps:
            return PackDesigner::tr("What the data says");
        case core::PackSection::Population:
            return PackDesigner::tr("Population: pyramid, ethnicity, deprivation");
        case core::PackSection::SegmentsRisk:
            return PackDesigner::tr("Segments, risk tiers and frailty");
        case core::PackSection::Indicators:
            return PackDesigner::tr("Key indicators (spine chart)");
        case core::PackSection::Funnels:
            return PackDesigner::tr("Funnel plots against peers");
        case core::PackSection::Inequalities:
            return PackDesigner::tr("Inequalities by deprivation (SII)");
        case core::PackSection::Neighbourhoods:
            return PackDesigner::tr("Neighbourhood map");
        case core::PackSection::Maturity:
            return PackDesigner::tr("PHM maturity and the PHM cycle");
        case core::PackSection::Appendix:
            break;
    }
    return PackDesigner::tr("Data quality and definitions");
}

struct Loaded {
    core::Result<std::vector<core::PackTemplate>> templates = core::Error{};
    core::Result<std::vector<core::IndicatorDefinition>> definitions = core::Error{};
};
}  // namespace

PackDesigner::PackDesigner(ProjectController *controller, QWidget *parent)
    : QDialog(parent),
      mController(controller),
      mTemplates(new QListWidget(this)),
      mName(new QLineEdit(this)),
      mTitle(new QLineEdit(this)),
      mSections(checkList(QStringLiteral("sections"))),
      mIndicators(checkList(QStringLiteral("indicators"))),
      mMapIndicator(new QComboBox(this)),
      mLevel(new QComboBox(this)),
      mArea(new QComboBox(this)),
      mLogoView(new QLabel(this)),
      mStatus(new QLabel(this)),
      mSave(new QPushButton(tr("&Save template"), this)),
      mRemove(new QPushButton(tr("&Delete"), this)),
      mPreview(new QPushButton(tr("&Preview"), this)),
      mExport(new QPushButton(tr("&Export packs…"), this)),
      mPages(new QVBoxLayout) {
    setWindowTitle(tr("PCN packs"));
    mPreview->setObjectName(QStringLiteral("packPreview"));
    auto *split = new QSplitter(this);
    // Left: the templates and the form.
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(new QLabel(tr("Templates saved in the project"), left));
    mTemplates->setMaximumHeight(110);
    leftLayout->addWidget(mTemplates);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), mName);
    form->addRow(tr("Title:"), mTitle);
    for (core::PackSection s : core::allPackSections()) {
        auto *item = new QListWidgetItem(sectionLabel(s), mSections);
        item->setData(Qt::UserRole, core::sectionKey(s));
        item->setCheckState(Qt::Checked);
    }
    mSections->setMaximumHeight(mSections->sizeHintForRow(0) * 9 + 6);
    form->addRow(tr("Sections:"), mSections);
    form->addRow(tr("Indicators:"), mIndicators);
    form->addRow(tr("Map of:"), mMapIndicator);
    auto *logoRow = new QHBoxLayout;
    mLogoView->setFixedSize(150, 50);
    mLogoView->setFrameShape(QFrame::StyledPanel);
    mLogoView->setAlignment(Qt::AlignCenter);
    auto *chooseLogo = new QPushButton(tr("Choose…"), left);
    auto *clearLogo = new QPushButton(tr("Remove"), left);
    logoRow->addWidget(mLogoView);
    logoRow->addWidget(chooseLogo);
    logoRow->addWidget(clearLogo);
    logoRow->addStretch();
    form->addRow(tr("Logo:"), logoRow);
    leftLayout->addLayout(form, 1);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(mSave);
    saveRow->addWidget(mRemove);
    saveRow->addStretch();
    leftLayout->addLayout(saveRow);
    // Right: the preview.
    auto *right = new QWidget(split);
    auto *rightLayout = new QVBoxLayout(right);
    auto *previewRow = new QHBoxLayout;
    mLevel->addItem(tr("PCN"), int(core::Area::Pcn));
    mLevel->addItem(tr("Place"), int(core::Area::Place));
    mLevel->addItem(tr("ICS"), int(core::Area::Ics));
    previewRow->addWidget(mLevel);
    previewRow->addWidget(mArea, 1);
    previewRow->addWidget(mPreview);
    rightLayout->addLayout(previewRow);
    auto *scroll = new QScrollArea(right);
    auto *pages = new QWidget(scroll);
    pages->setLayout(mPages);
    mPages->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    scroll->setWidget(pages);
    scroll->setWidgetResizable(true);
    scroll->setBackgroundRole(QPalette::Dark);
    rightLayout->addWidget(scroll, 1);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    mStatus->setWordWrap(true);
    layout->addWidget(mStatus);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(mExport, QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mSave, &QPushButton::clicked, this, &PackDesigner::save);
    connect(mRemove, &QPushButton::clicked, this, &PackDesigner::removeTemplate);
    connect(mPreview, &QPushButton::clicked, this, &PackDesigner::preview);
    connect(mExport, &QPushButton::clicked, this, &PackDesigner::askAndExport);
    connect(chooseLogo, &QPushButton::clicked, this, &PackDesigner::chooseLogo);
    connect(clearLogo, &QPushButton::clicked, this, [this] { setLogo({}); });
    connect(mTemplates, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && size_t(row) < mAll.size()) showTemplate(mAll[size_t(row)]);
    });
    auto fillAreas = [this] {
        mArea->clear();
        const auto areas = mController->areas();
        if (!areas) return;
        const auto kind = core::Area::Kind(mLevel->currentData().toInt());
        for (int i = 0; i < areas->areaCount(kind); ++i) mArea->addItem(areas->name(core::Area{kind, i}), i);
    };
    connect(mLevel, &QComboBox::currentIndexChanged, this, fillAreas);
    fillAreas();
    resize(1180, 780);
    loadTemplates({});
}

QListWidget *PackDesigner::checkList(const QString &name) {
    auto *list = new QListWidget(this);
    list->setObjectName(name);
    list->setUniformItemSizes(true);
    return list;
}

int PackDesigner::previewPages() const { return mPages->count(); }

void PackDesigner::loadTemplates(const QString &select) {
    const auto project = mController->project();
    if (!project) {
        mStatus->setText(tr("Open a project first."));
        return;
    }
    mStatus->setText(tr("Reading the pack templates…"));
    runInBackground(
        this,
        [path = project->path, lists = mController->codeLists()] {
            return Loaded{core::listPackTemplates(path), core::loadIndicators({}, lists.get(), path)};
        },
        [this, select](const Loaded &loaded) {
            if (!loaded.templates || !loaded.definitions) {
                mStatus->setText(!loaded.templates ? loaded.templates.error().message : loaded.definitions.error().message);
                emit templatesLoaded();
                return;
            }
            mAll = loaded.templates.value();
            mDefinitions = loaded.definitions.value();
            mIndicators->clear();
            mMapIndicator->clear();
            for (const core::IndicatorDefinition &d : mDefinitions) {
                auto *item = new QListWidgetItem(d.name, mIndicators);
                item->setData(Qt::UserRole, d.id);
                item->setCheckState(Qt::Checked);
                mMapIndicator->addItem(d.name, d.id);
            }
            mTemplates->clear();
            int row = 0;
            for (size_t i = 0; i < mAll.size(); ++i) {
                mTemplates->addItem(mAll[i].name);
                if (mAll[i].name == select) row = int(i);
            }
            mTemplates->setCurrentRow(row);
            mStatus->clear();
            emit templatesLoaded();
        });
}

void PackDesigner::showTemplate(const core::PackTemplate &t) {
    mName->setText(t.name);
    mTitle->setText(t.title);
    for (int i = 0; i < mSections->count(); ++i) {
        QListWidgetItem *item = mSections->item(i);
        item->setCheckState(t.has(*core::sectionNamed(item->data(Qt::UserRole).toString())) ? Qt::Checked : Qt::Unchecked);
    }
    for (int i = 0; i < mIndicators->count(); ++i) {
        QListWidgetItem *item = mIndicators->item(i);
        item->setCheckState(t.indicators.isEmpty() || t.indicators.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                                                 : Qt::Unchecked);
    }
    mMapIndicator->setCurrentIndex(std::max(0, mMapIndicator->findData(t.mapIndicator)));
    setLogo(t.logo);
    mRemove->setEnabled(!t.updatedAt.isEmpty());  // the built-in Standard is not stored
}

void PackDesigner::setLogo(const QByteArray &bytes) {
    mLogo = bytes;
    const QImage image = QImage::fromData(bytes);
    mLogoView->setPixmap(
        image.isNull() ? QPixmap() : QPixmap::fromImage(image.scaled(mLogoView->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    mLogoView->setText(image.isNull() ? tr("no logo") : QString());
}

core::PackTemplate PackDesigner::currentTemplate() const {
    core::PackTemplate t;
    if (const int row = mTemplates->currentRow(); row >= 0 && size_t(row) < mAll.size()) t = mAll[size_t(row)];
    t.name = mName->text().trimmed();
    t.title = mTitle->text().trimmed();
    t.sections.clear();
    for (int i = 0; i < mSections->count(); ++i)
        if (mSections->item(i)->checkState() == Qt::Checked)
            t.sections.push_back(*core::sectionNamed(mSections->item(i)->data(Qt::UserRole).toString()));
    t.indicators.clear();
    bool all = true;
    for (int i = 0; i < mIndicators->count(); ++i) {
        if (mIndicators->item(i)->checkState() == Qt::Checked)
            t.indicators << mIndicators->item(i)->data(Qt::UserRole).toString();
        else
            all = false;
    }
    if (all) t.indicators.clear();  // every indicator, including ones defined later
    if (mMapIndicator->currentIndex() >= 0) t.mapIndicator = mMapIndicator->currentData().toString();
    t.logo = mLogo;
    return t;
}

void PackDesigner::chooseLogo() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Logo for the cover"), QString(), tr("Images (*.png *.jpg *.jpeg)"));
    if (file.isEmpty()) return;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly) || f.size() > core::kMaxLogoBytes) {
        mStatus->setText(
            tr("%1 cannot be read or is larger than %2 KB.").arg(QDir::toNativeSeparators(file)).arg(core::kMaxLogoBytes / 1024));
        return;
    }
    const QByteArray bytes = f.readAll();
    if (QImage::fromData(bytes).isNull()) {
        mStatus->setText(tr("%1 is not a PNG or JPEG image.").arg(QDir::toNativeSeparators(file)));
        return;
    }
    setLogo(bytes);
}

void PackDesigner::save() {
    const auto project = mController->project();
    if (!project) return;
    const core::PackTemplate t = currentTemplate();
    if (auto s = core::validatePackTemplate(t, mDefinitions); !s) {
        mStatus->setText(s.error().message);
        emit saved(false);
        return;
    }
    mSave->setEnabled(false);
    runInBackground(
        this, [path = project->path, t] { return core::savePackTemplate(path, t, core::currentLogin()); },
        [this, name = t.name](const core::Status &s) {
            mSave->setEnabled(true);
            if (!s) {
                mStatus->setText(s.error().message);
                emit saved(false);
                return;
            }
            loadTemplates(name);
            connect(
                this, &PackDesigner::templatesLoaded, this, [this, name] { mStatus->setText(tr("Saved template \"%1\".").arg(name)); },
                Qt::SingleShotConnection);
            emit saved(true);
        });
}

void PackDesigner::removeTemplate() {
    const auto project = mController->project();
    if (!project || mName->text().isEmpty()) return;
    runInBackground(
        this, [path = project->path, name = mName->text()] { return core::removePackTemplate(path, name); },
        [this](const core::Status &s) {
            if (!s)
                mStatus->setText(s.error().message);
            else
                loadTemplates({});
        });
}

void PackDesigner::preview() {
    const auto project = mController->project();
    const auto areas = mController->areas();
    if (!project || !areas || mArea->currentIndex() < 0) return;
    core::PackOptions options;
    options.layout = currentTemplate();
    options.onlyArea = mArea->currentData().toInt();
    if (auto s = core::validatePackTemplate(options.layout, mDefinitions); !s) {
        mStatus->setText(s.error().message);
        return;
    }
    const auto kind = core::Area::Kind(mLevel->currentData().toInt());
    auto result = std::make_shared<core::Result<std::vector<QImage>>>(core::Error{});
    const bool started = mController->runner()->start(
        tr("Previewing the pack of %1").arg(mArea->currentText()),
        [areas, lists = mController->codeLists(), definitions = mDefinitions, kind, options, result](core::Feedback &fb) {
            core::PackOptions published = options;
            auto policy = core::projectPolicy(areas->project().path);
            if (!policy) {
                *result = policy.error();
                return;
            }
            published.policy = policy.value();
            auto packs = core::buildPacks(*areas, *lists, definitions, kind, published, &fb);
            if (!packs) {
                *result = packs.error();
                return;
            }
            *result = renderPackPages(packs.value().front(), kPreviewDpi);
        },
        [this, result] {
            while (QLayoutItem *item = mPages->takeAt(0)) {
                delete item->widget();
                delete item;
            }
            if (!*result) {
                mStatus->setText(result->error().code == QLatin1String("canceled") ? tr("Preview canceled.") : result->error().message);
                emit previewReady(false);
                return;
            }
            for (const QImage &page : result->value()) {
                auto *label = new QLabel;
                label->setPixmap(QPixmap::fromImage(page));
                label->setFrameShape(QFrame::Box);
                mPages->addWidget(label);
            }
            mStatus->setText(tr("Preview: %n pages, as they will be in the PDF.", nullptr, int(result->value().size())));
            emit previewReady(true);
        });
    if (!started) mStatus->setText(tr("Another task is still running; wait for it or cancel it first."));
}

void PackDesigner::askAndExport() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the PDF packs"));
    if (!folder.isEmpty()) exportTo(core::Area::Kind(mLevel->currentData().toInt()), folder);
}

void PackDesigner::exportTo(core::Area::Kind level, const QString &folder, bool replace) {
    const auto areas = mController->areas();
    if (!areas) return;
    core::PackOptions options;
    options.layout = currentTemplate();
    if (auto s = core::validatePackTemplate(options.layout, mDefinitions); !s) {
        mStatus->setText(s.error().message);
        emit exported(false);
        return;
    }
    auto result = std::make_shared<core::Result<std::vector<WrittenPack>>>(core::Error{});
    // A canceled or failed export removes its files; a finished one is in the audit log.
    const bool started = mController->runner()->start(
        tr("Exporting packs"),
        [areas, lists = mController->codeLists(), definitions = mDefinitions, level, options, folder, result, replace](core::Feedback &fb) {
            *result = phm::ui::exportPacks(*areas, *lists, definitions, level, options, folder, {}, &fb, core::OutputGuard{replace, {}});
        },
        [this, result, folder, level, replace, policy = mController->policy().describe()] {
            if (!*result && result->error().code == QLatin1String("file_exists") && !replace &&
                QMessageBox::question(this, tr("Export packs"),
                                      tr("%1 already holds packs of these areas. Replace them?").arg(QDir::toNativeSeparators(folder))) ==
                    QMessageBox::Yes) {
                QMetaObject::invokeMethod(
                    this, [this, level, folder] { exportTo(level, folder, true); }, Qt::QueuedConnection);
                return;
            }
            if (*result)
                mStatus->setText(
                    tr("%n packs written to %1 (%2). The export is recorded in the audit log.", nullptr, int(result->value().size()))
                        .arg(QDir::toNativeSeparators(folder), policy));
            else if (result->error().code == QLatin1String("canceled"))
                mStatus->setText(tr("Export canceled; no packs were left behind."));
            else
                mStatus->setText(result->error().message);
            emit exported(bool(*result));
        });
    if (!started) mStatus->setText(tr("Another task is still running; wait for it or cancel it first."));
}

}  // namespace phm::ui
