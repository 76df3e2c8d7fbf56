#include "packdesigner.h"
#include "operations/programmeops.h"
#include "packexportdialog.h"

#include "backgroundjob.h"
#include "governance/disclosurepolicy.h"
#include "projectcontroller.h"
#include "report/packwriter.h"
#include "screenfit.h"
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
        case core::PackSection::Evaluation:
            return PackDesigner::tr("Saved evaluations (did it work?)");
        case core::PackSection::Appendix:
            break;
    }
    return PackDesigner::tr("Data quality and definitions");
}

struct Loaded {
    std::vector<core::PackTemplate> templates;
    std::vector<core::IndicatorDefinition> definitions;
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
      mLoadJob(new BackgroundJob(this)),
      mSaveJob(new BackgroundJob(this)),
      mSave(new QPushButton(tr("&Save template"), this)),
      mRemove(new QPushButton(tr("&Delete"), this)),
      mPreview(new QPushButton(tr("&Preview"), this)),
      mExport(new QPushButton(tr("&Export packs…"), this)),
      mPages(new QVBoxLayout) {
    setWindowTitle(tr("PCN packs"));
    for (BackgroundJob *job : {mLoadJob, mSaveJob}) job->showErrorsIn(mStatus);
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
    mStatus->setOpenExternalLinks(true);  // "Open the folder" after an export
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
    fitToScreen(this, QSize(1180, 780));
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
    mLoadJob->start(
        [session = mController->session()](core::Feedback &) -> core::Result<Loaded> {
            auto templates = session->packTemplates();
            if (!templates) return templates.error();
            auto definitions = session->indicators();
            if (!definitions) return definitions.error();
            return Loaded{std::move(templates.value()), std::move(definitions.value())};
        },
        [this, select](const Loaded &loaded) {
            mAll = loaded.templates;
            mDefinitions = loaded.definitions;
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
        },
        [this](const core::Error &error) {
            mStatus->setText(error.message);
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
    mSaveJob->start([session = mController->session(), t](core::Feedback &) { return session->savePackTemplate(t); },
                    [this, name = t.name](core::Ok) {
                        mSave->setEnabled(true);
                        loadTemplates(name);
                        connect(
                            this, &PackDesigner::templatesLoaded, this,
                            [this, name] { mStatus->setText(tr("Saved template \"%1\".").arg(name)); }, Qt::SingleShotConnection);
                        emit saved(true);
                    },
                    [this](const core::Error &error) {
                        mSave->setEnabled(true);
                        mStatus->setText(error.message);
                        emit saved(false);
                    });
}

void PackDesigner::removeTemplate() {
    const auto project = mController->project();
    if (!project || mName->text().isEmpty()) return;
    mSaveJob->start(
        [session = mController->session(), name = mName->text()](core::Feedback &) { return session->removePackTemplate(name); },
        [this](core::Ok) { loadTemplates({}); });
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
    auto clearPages = [this] {
        while (QLayoutItem *item = mPages->takeAt(0)) {
            delete item->widget();
            delete item;
        }
    };
    const bool started = mController->runner()->start(
        tr("Previewing the pack of %1").arg(mArea->currentText()),
        [areas, session = mController->session(), lists = mController->codeLists(), definitions = mDefinitions, kind,
         options](core::Feedback &fb) -> core::Result<std::vector<QImage>> {
            core::PackOptions published = options;
            auto policy = session->read([](core::ProjectDb &db) { return core::projectPolicy(db); });
            if (!policy) return policy.error();
            published.policy = policy.value();
            auto maturity = session->maturityRecords();
            if (!maturity) return maturity.error();
            auto evaluations = core::ops::publishedEvaluations(*session, published.policy, &fb);
            if (!evaluations) return evaluations.error();
            published.evaluations = std::move(evaluations.value());
            auto programmes = core::ops::allProgrammes(*session);
            if (!programmes) return programmes.error();
            published.programmes = std::move(programmes.value());
            auto packs = core::buildPacks(*areas, *lists, definitions, maturity.value(), kind, published, &fb);
            if (!packs) return packs.error();
            return report::renderPackPages(packs.value().front(), kPreviewDpi);
        },
        [this, clearPages](const std::vector<QImage> &pages) {
            clearPages();
            for (const QImage &page : pages) {
                auto *label = new QLabel;
                label->setPixmap(QPixmap::fromImage(page));
                label->setFrameShape(QFrame::Box);
                mPages->addWidget(label);
            }
            mStatus->setText(tr("Preview: %n pages, as they will be in the PDF.", nullptr, int(pages.size())));
            emit previewReady(true);
        },
        [this, clearPages](const core::Error &error) {
            clearPages();
            mStatus->setText(error.code == core::ErrorCode::Canceled ? tr("Preview cancelled.") : error.message);
            emit previewReady(false);
        });
    if (!started) mStatus->setText(tr("Another task is still running; wait for it or cancel it first."));
}

// Asks what to export (the area previewed, a whole level or the ICS) and where.
void PackDesigner::askAndExport() {
    const auto areas = mController->areas();
    if (!areas) return;
    const core::Area shown{core::Area::Kind(mLevel->currentData().toInt()), std::max(0, mArea->currentData().toInt())};
    PackExportDialog ask(*areas, shown, this);
    if (ask.exec() != QDialog::Accepted || ask.folder().isEmpty()) return;
    exportTo(ask.level(), ask.folder(), false, ask.onlyArea() < 0 ? QString() : areas->code(core::Area{ask.level(), ask.onlyArea()}));
}

void PackDesigner::exportTo(core::Area::Kind level, const QString &folder, bool replace, const QString &onlyArea) {
    const auto areas = mController->areas();
    if (!areas) return;
    core::PackOptions options;
    options.layout = currentTemplate();
    if (auto s = core::validatePackTemplate(options.layout, mDefinitions); !s) {
        mStatus->setText(s.error().message);
        emit exported(false);
        return;
    }
    // A canceled or failed export removes its files; a finished one is in the audit log.
    const bool started = mController->runner()->start(
        tr("Exporting packs"),
        [session = mController->session(), definitions = mDefinitions, level, options, folder, replace,
         onlyArea](core::Feedback &fb) -> core::Result<std::pair<std::vector<report::WrittenPack>, QStringList>> {
            auto written =
                report::exportPacks(*session, definitions, level, options, folder, onlyArea, &fb, core::OutputGuard{replace, {}});
            if (!written) return written.error();
            return std::pair{std::move(written.value()), fb.warnings()};
        },
        [this, folder, policy = mController->policy().describe()](const std::pair<std::vector<report::WrittenPack>, QStringList> &done) {
            // The folder one click away (a link, not a box that stops the user); what was left
            // out (a damaged saved evaluation) is said.
            QString text =
                tr("%n packs written to %1 (%2); the export is recorded in the audit log. <a href=\"%3\">Open the folder</a>", nullptr,
                   int(done.first.size()))
                    .arg(QDir::toNativeSeparators(folder).toHtmlEscaped(), policy.toHtmlEscaped(), QUrl::fromLocalFile(folder).toString());
            for (const QString &warning : done.second) text += QStringLiteral("<br>") + tr("Left out: %1").arg(warning.toHtmlEscaped());
            mStatus->setText(text);
            emit exported(true);
        },
        [this, folder, level, replace, onlyArea](const core::Error &error) {
            if (error.code == core::ErrorCode::FileExists && !replace &&
                QMessageBox::question(this, tr("Export packs"),
                                      tr("%1 already holds packs of these areas. Replace them?").arg(QDir::toNativeSeparators(folder))) ==
                    QMessageBox::Yes) {
                QMetaObject::invokeMethod(
                    this, [this, level, folder, onlyArea] { exportTo(level, folder, true, onlyArea); }, Qt::QueuedConnection);
                return;
            }
            mStatus->setText(error.code == core::ErrorCode::Canceled ? tr("Export cancelled; no packs were left behind.") : error.message);
            emit exported(false);
        });
    if (!started) mStatus->setText(tr("Another task is still running; wait for it or cancel it first."));
}

}  // namespace phm::ui
