#include "geographymodel.h"

#include <QLocale>
#include <algorithm>
#include <map>

namespace phm::ui {

using core::Area;

GeographyModel::GeographyModel(QObject *parent) : QAbstractItemModel(parent), mRoot(std::make_unique<Node>()) {}
GeographyModel::~GeographyModel() = default;

GeographyModel::Node *GeographyModel::Node::add(std::optional<Area> a, QString text, int64_t pop) {
    auto child = std::make_unique<Node>();
    child->area = a;
    child->label = std::move(text);
    child->population = pop;
    child->parent = this;
    child->row = int(children.size());
    children.push_back(std::move(child));
    return children.back().get();
}

void GeographyModel::setAreaIndex(std::shared_ptr<const core::AreaIndex> areas) {
    beginResetModel();
    mAreas = std::move(areas);
    build();
    endResetModel();
}

void GeographyModel::build() {
    mRoot = std::make_unique<Node>();
    if (!mAreas) return;
    const core::AreaIndex &ai = *mAreas;
    const core::Geography &g = ai.project().geography;
    auto pop = [&](Area a) { return ai.population(a); };
    Node *ics = mRoot->add(Area{Area::Ics, 0}, tr("Integrated Care System"), pop({Area::Ics, 0}));
    // Sort children by name so the tree reads like a directory.
    auto sorted = [](std::vector<int> v, auto key) {
        std::sort(v.begin(), v.end(), [&](int a, int b) { return key(a).localeAwareCompare(key(b)) < 0; });
        return v;
    };
    std::vector<int> alliances(g.alliances.size());
    for (size_t i = 0; i < alliances.size(); ++i) alliances[i] = int(i);
    for (int a : sorted(alliances, [&](int i) { return g.alliances[size_t(i)]; })) {
        Node *an = ics->add(Area{Area::Alliance, a}, g.alliances[size_t(a)], pop({Area::Alliance, a}));
        std::vector<int> places;
        for (size_t k = 0; k < g.practices.size(); ++k)
            if (g.practices[k].allianceIndex == a && std::find(places.begin(), places.end(), g.practices[k].placeIndex) == places.end())
                places.push_back(g.practices[k].placeIndex);
        for (int pl : sorted(places, [&](int i) { return g.places[size_t(i)]; })) {
            Node *pn = an->add(Area{Area::Place, pl}, g.places[size_t(pl)], pop({Area::Place, pl}));
            std::vector<int> pcns;
            for (size_t k = 0; k < g.practices.size(); ++k)
                if (g.practices[k].placeIndex == pl && std::find(pcns.begin(), pcns.end(), g.practices[k].pcn) == pcns.end())
                    pcns.push_back(g.practices[k].pcn);
            for (int pc : sorted(pcns, [&](int i) { return g.pcnNames[size_t(i)]; })) {
                Node *cn = pn->add(Area{Area::Pcn, pc}, g.pcnNames[size_t(pc)], pop({Area::Pcn, pc}));
                std::vector<int> practices;
                for (size_t k = 0; k < g.practices.size(); ++k)
                    if (g.practices[k].pcn == pc) practices.push_back(int(k));
                for (int pr : sorted(practices, [&](int i) { return g.practices[size_t(i)].name; }))
                    cn->add(Area{Area::Practice, pr},
                            QStringLiteral("%1 (%2)").arg(g.practices[size_t(pr)].name, g.practices[size_t(pr)].code),
                            pop({Area::Practice, pr}));
            }
            Node *hoods = pn->add(std::nullopt, tr("Neighbourhoods (LSOAs)"), 0);
            std::vector<int> lsoas;
            for (size_t l = 0; l < g.lsoas.size(); ++l)
                if (g.lsoas[l].inIcs && g.lsoas[l].place == g.places[size_t(pl)]) lsoas.push_back(int(l));
            for (int l : sorted(lsoas, [&](int i) { return g.lsoas[size_t(i)].name; })) {
                const int64_t residents = pop({Area::Lsoa, l});
                hoods->population += residents;
                hoods->add(Area{Area::Lsoa, l}, tr("%1 (IMD decile %2)").arg(g.lsoas[size_t(l)].name).arg(g.lsoas[size_t(l)].imdDecile),
                           residents);
            }
        }
    }
}

GeographyModel::Node *GeographyModel::node(const QModelIndex &index) const {
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : mRoot.get();
}

std::optional<Area> GeographyModel::area(const QModelIndex &index) const { return index.isValid() ? node(index)->area : std::nullopt; }

QModelIndex GeographyModel::indexOf(const Area &a) const {
    std::vector<Node *> stack{mRoot.get()};
    while (!stack.empty()) {
        Node *n = stack.back();
        stack.pop_back();
        if (n->area && *n->area == a) return createIndex(n->row, 0, n);
        for (auto &c : n->children) stack.push_back(c.get());
    }
    return {};
}

QModelIndex GeographyModel::index(int row, int column, const QModelIndex &parent) const {
    Node *p = node(parent);
    if (row < 0 || row >= int(p->children.size()) || column < 0 || column > 1) return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex GeographyModel::parent(const QModelIndex &child) const {
    if (!child.isValid()) return {};
    Node *p = node(child)->parent;
    if (!p || p == mRoot.get()) return {};
    return createIndex(p->row, 0, p);
}

int GeographyModel::rowCount(const QModelIndex &parent) const {
    if (parent.column() > 0) return 0;
    return int(node(parent)->children.size());
}

int GeographyModel::columnCount(const QModelIndex &) const { return 2; }

QVariant GeographyModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid()) return {};
    const Node *n = node(index);
    if (role == Qt::DisplayRole) return index.column() == 0 ? QVariant(n->label) : QVariant(QLocale().toString(qlonglong(n->population)));
    if (role == Qt::TextAlignmentRole && index.column() == 1) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && n->area && n->area->kind == Area::Lsoa)
        return tr("Residents of this neighbourhood registered with any practice");
    return {};
}

QVariant GeographyModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == 0 ? tr("Area") : tr("Population");
}

}  // namespace phm::ui
