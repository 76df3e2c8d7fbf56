#pragma once
// Tree of the ICS's geography for the navigator: ICS > care alliance > place > PCN > practice,
// with each place's resident neighbourhoods (LSOAs) under a "Neighbourhoods" node. Column 1 is
// the registered (or, for LSOAs, resident) population at the extract end.
#include "geo/areas.h"

#include <QAbstractItemModel>
#include <memory>
#include <optional>
#include <vector>

namespace phm::ui {

class GeographyModel : public QAbstractItemModel {
    Q_OBJECT
public:
    explicit GeographyModel(QObject *parent = nullptr);
    ~GeographyModel() override;
    void setAreaIndex(std::shared_ptr<const core::AreaIndex> areas);
    std::optional<core::Area> area(const QModelIndex &index) const;
    QModelIndex indexOf(const core::Area &area) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        std::optional<core::Area> area;  // empty for grouping nodes ("Neighbourhoods")
        QString label;
        int64_t population = 0;
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
        Node *add(std::optional<core::Area> a, QString text, int64_t pop);
    };
    void build();
    Node *node(const QModelIndex &index) const;
    std::shared_ptr<const core::AreaIndex> mAreas;
    std::unique_ptr<Node> mRoot;
};

}  // namespace phm::ui
