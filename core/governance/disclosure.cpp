#include "governance/disclosure.h"

#include <sodium.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <unordered_map>

namespace phm::core::disclosure {

QString Policy::describe() const {
    if (!enabled) return QStringLiteral("No disclosure control (counts as computed)");
    QString text = QStringLiteral("Counts of %1 to %2 suppressed").arg(smallest).arg(largest);
    if (roundTo > 1) text += QStringLiteral(", other counts rounded to the nearest %1").arg(roundTo);
    return text + QStringLiteral("; cells that would reveal a suppressed count are suppressed too");
}

bool isSmall(double count, const Policy &policy) {
    return policy.enabled && !std::isnan(count) && count >= policy.smallest && count <= policy.largest;
}

namespace {
// A keyed draw in [0, 1) that depends only on the count and the rounding base.
double keyedUniform(const QByteArray &key, double count, int base) {
    unsigned char in[sizeof(double) + sizeof(int)];
    std::memcpy(in, &count, sizeof(double));
    std::memcpy(in + sizeof(double), &base, sizeof(int));
    uint64_t out = 0;
    crypto_generichash(reinterpret_cast<unsigned char *>(&out), sizeof out, in, sizeof in,
                       reinterpret_cast<const unsigned char *>(key.constData()), size_t(key.size()));
    return double(out >> 11) * 0x1.0p-53;
}
// A keyed draw in [0, 1) for a cell of a grid: the cell's index and the grid's step.
double keyedCellUniform(const QByteArray &key, double cell, double step) {
    unsigned char in[2 * sizeof(double) + 1] = {'g'};  // 'g': not a count's draw
    std::memcpy(in + 1, &cell, sizeof(double));
    std::memcpy(in + 1 + sizeof(double), &step, sizeof(double));
    uint64_t out = 0;
    crypto_generichash(reinterpret_cast<unsigned char *>(&out), sizeof out, in, sizeof in,
                       reinterpret_cast<const unsigned char *>(key.constData()), size_t(key.size()));
    return double(out >> 11) * 0x1.0p-53;
}
}  // namespace

QByteArray newRoundingKey() {
    static_assert(kRoundingKeyBytes == crypto_generichash_KEYBYTES);
    QByteArray key(kRoundingKeyBytes, Qt::Uninitialized);
    if (sodium_init() < 0) return {};
    randombytes_buf(key.data(), size_t(key.size()));
    return key;
}

double roundCount(double count, const Policy &policy) {
    if (!policy.enabled || policy.roundTo <= 1 || std::isnan(count)) return count;
    const double base = policy.roundTo;
    double shown;
    if (policy.key.size() < int(crypto_generichash_KEYBYTES_MIN)) {
        shown = std::floor(count / base + 0.5) * base;  // halves up: 12.5 -> 15
    } else {
        const double low = std::floor(count / base) * base;
        const double up = (count - low) / base;  // 0 for a multiple of the base: published as it is
        shown = keyedUniform(policy.key, count, policy.roundTo) < up ? low + base : low;
    }
    // Above the suppressed range, never shown as a number in it (or as 0).
    if (count > policy.largest && shown <= policy.largest) shown = std::ceil((policy.largest + 1) / base) * base;
    return shown;
}

double roundMagnitude(double value, const Policy &policy) {
    if (!policy.enabled || std::isnan(value) || value == 0) return value;
    return QString::number(value, 'g', 3).toDouble();
}

double roundToStep(double value, double step, const Policy &policy) {
    if (!std::isfinite(value) || !std::isfinite(step) || step <= 0) return NAN;
    const double steps = value / step, low = std::floor(steps);
    if (!std::isfinite(steps)) return NAN;
    const double up = steps - low;
    const bool keyed = policy.key.size() >= int(crypto_generichash_KEYBYTES_MIN);
    // The draw depends on the step's cell (and the step), not on the value within it: values that
    // differ a little (a programme padded with people who had no events, another seed) draw the
    // same way, so there is nothing to average.
    const double shown = (keyed ? keyedCellUniform(policy.key, low, step) < up : up >= 0.5) ? low + 1 : low;
    return shown * step;
}

double publish(double count, const Policy &policy) { return isSmall(count, policy) ? NAN : roundCount(count, policy); }

double derived(double value, double numerator, double denominator, const Policy &policy) {
    return isSmall(numerator, policy) || isSmall(denominator, policy) ? NAN : value;
}

namespace {

// A member of a line: a cell, or a total. `hidden` members are never published.
struct Member {
    double value = 0;
    Cell status = Cell::Shown;
};

// Members referenced by pointer: a line is its parts and its total.
struct Line {
    std::vector<Member *> members;
};

// Until no line has exactly one suppressed member, suppress one more member of each exposed
// line: its smallest positive shown part, or its total when no part qualifies. Each step
// suppresses a member, so this ends.
int complete(std::vector<Line> &lines) {
    int added = 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (Line &line : lines) {
            int suppressed = 0;
            for (const Member *m : line.members) suppressed += m->status != Cell::Shown;
            if (suppressed != 1) continue;
            Member *pick = nullptr;
            // The last member is the total; prefer a part.
            for (size_t i = 0; i + 1 < line.members.size(); ++i) {
                Member *m = line.members[i];
                if (m->status == Cell::Shown && m->value > 0 && (!pick || m->value < pick->value)) pick = m;
            }
            if (!pick && line.members.back()->status == Cell::Shown) pick = line.members.back();
            if (!pick) continue;  // only zeros besides a suppressed total: nothing to recover
            pick->status = Cell::Secondary;
            ++added;
            changed = true;
        }
    }
    return added;
}

// Which hidden members are determined by the lines: unknowns are the hidden members, each line
// an equation over them; a member is determined when its unit vector lies in the equations'
// row space (adding it does not raise the rank).
std::vector<bool> determined(const std::vector<Line> &lines, const std::vector<Member *> &all) {
    std::vector<int> unknown(all.size(), -1);
    std::unordered_map<const Member *, int> column;  // member -> its unknown's column
    int n = 0;
    for (size_t i = 0; i < all.size(); ++i)
        if (all[i]->status != Cell::Shown) {
            unknown[i] = n;
            column.emplace(all[i], n++);
        }
    std::vector<bool> out(all.size(), false);
    if (n == 0) return out;
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(Eigen::Index(lines.size()), n);
    for (size_t l = 0; l < lines.size(); ++l)
        for (size_t k = 0; k < lines[l].members.size(); ++k) {
            const auto it = column.find(lines[l].members[k]);
            if (it != column.end()) a(Eigen::Index(l), it->second) += k + 1 == lines[l].members.size() ? -1.0 : 1.0;  // parts - total = 0
        }
    const auto rank = Eigen::FullPivLU<Eigen::MatrixXd>(a).rank();
    for (size_t i = 0; i < all.size(); ++i) {
        if (unknown[i] < 0) continue;
        Eigen::MatrixXd b(a.rows() + 1, n);
        b << a, Eigen::RowVectorXd::Unit(n, unknown[i]);
        out[i] = Eigen::FullPivLU<Eigen::MatrixXd>(b).rank() == rank;
    }
    return out;
}

Member primary(double value, const Policy &policy) { return Member{value, isSmall(value, policy) ? Cell::Primary : Cell::Shown}; }

double published(const Member &m, const Policy &policy) { return m.status == Cell::Shown ? roundCount(m.value, policy) : NAN; }

}  // namespace

namespace {
// A table's members (cells, row and column totals, grand total) with primary statuses, and its
// lines. Members are referenced by pointer, so a grid is built in place and never copied.
struct Grid {
    std::vector<std::vector<Member>> cells;
    std::vector<Member> rowTotals, colTotals;
    Member grand;
    std::vector<Line> lines;
    std::vector<Member *> all;

    Grid(const Table &table, const Policy &policy) {
        const size_t rows = table.cells.size(), cols = rows ? table.cells.front().size() : 0;
        cells.assign(rows, std::vector<Member>(cols));
        rowTotals.resize(rows);
        colTotals.resize(cols);
        double grandValue = 0;
        for (size_t r = 0; r < rows; ++r) {
            double sum = 0;
            for (size_t c = 0; c < cols; ++c) {
                const double v = c < table.cells[r].size() ? table.cells[r][c] : 0;
                cells[r][c] = primary(v, policy);
                sum += v;
            }
            rowTotals[r] = primary(sum, policy);
            grandValue += sum;
        }
        for (size_t c = 0; c < cols; ++c) {
            double sum = 0;
            for (size_t r = 0; r < rows; ++r) sum += cells[r][c].value;
            colTotals[c] = primary(sum, policy);
        }
        grand = primary(grandValue, policy);
        auto line = [&](const std::function<Member *(size_t)> &member, size_t count, Member *total) {
            Line l;
            for (size_t i = 0; i < count; ++i) l.members.push_back(member(i));
            l.members.push_back(total);
            lines.push_back(l);
        };
        if (table.rowTotals) {
            for (size_t r = 0; r < rows; ++r) line([&, r](size_t c) { return &cells[r][c]; }, cols, &rowTotals[r]);
            line([&](size_t r) { return &rowTotals[r]; }, rows, &grand);  // the totals add up to the grand total
        }
        if (table.columnTotals) {
            for (size_t c = 0; c < cols; ++c) line([&, c](size_t r) { return &cells[r][c]; }, rows, &colTotals[c]);
            line([&](size_t c) { return &colTotals[c]; }, cols, &grand);
        }
        for (auto &row : cells)
            for (Member &m : row) all.push_back(&m);
        if (table.rowTotals)
            for (Member &m : rowTotals) all.push_back(&m);
        if (table.columnTotals)
            for (Member &m : colTotals) all.push_back(&m);
        if (table.rowTotals || table.columnTotals) all.push_back(&grand);
    }
    Grid(const Grid &) = delete;
};
}  // namespace

Protected protect(const Table &table, const Policy &policy) {
    Grid g(table, policy);
    Protected out;
    if (policy.enabled) {
        out.secondary = complete(g.lines);
        // Lines with two hidden members can still combine to give a cell away; while a primary
        // cell is determined, hide the smallest other positive part of a line it is in.
        for (size_t guard = 0; guard < g.all.size(); ++guard) {
            const std::vector<bool> known = determined(g.lines, g.all);
            Member *exposed = nullptr;
            for (size_t i = 0; i < g.all.size() && !exposed; ++i)
                if (known[i] && g.all[i]->status == Cell::Primary) exposed = g.all[i];
            if (!exposed) break;
            Member *pick = nullptr;
            for (const Line &l : g.lines)
                if (std::find(l.members.begin(), l.members.end(), exposed) != l.members.end())
                    for (Member *m : l.members)
                        if (m->status == Cell::Shown && m->value > 0 && (!pick || m->value < pick->value)) pick = m;
            if (!pick) break;
            pick->status = Cell::Secondary;
            out.secondary += 1 + complete(g.lines);
        }
    }
    const size_t rows = g.cells.size(), cols = rows ? g.cells.front().size() : 0;
    out.cells.assign(rows, std::vector<double>(cols));
    out.status.assign(rows, std::vector<Cell>(cols));
    for (size_t r = 0; r < rows; ++r)
        for (size_t c = 0; c < cols; ++c) {
            out.cells[r][c] = published(g.cells[r][c], policy);
            out.status[r][c] = g.cells[r][c].status;
            out.primary += g.cells[r][c].status == Cell::Primary;
        }
    if (table.rowTotals)
        for (const Member &m : g.rowTotals) {
            out.rowTotals.push_back(published(m, policy));
            out.rowTotalStatus.push_back(m.status);
        }
    if (table.columnTotals)
        for (const Member &m : g.colTotals) {
            out.columnTotals.push_back(published(m, policy));
            out.columnTotalStatus.push_back(m.status);
        }
    out.grandTotal = published(g.grand, policy);
    out.grandTotalStatus = g.grand.status;
    return out;
}

std::vector<std::pair<int, int>> recoverableCells(const Table &table, const Protected &published) {
    Grid g(table, Policy{});
    // The statuses as published.
    for (size_t r = 0; r < g.cells.size(); ++r)
        for (size_t c = 0; c < g.cells[r].size(); ++c) g.cells[r][c].status = published.status[r][c];
    for (size_t r = 0; r < g.rowTotals.size() && r < published.rowTotalStatus.size(); ++r)
        g.rowTotals[r].status = published.rowTotalStatus[r];
    for (size_t c = 0; c < g.colTotals.size() && c < published.columnTotalStatus.size(); ++c)
        g.colTotals[c].status = published.columnTotalStatus[c];
    g.grand.status = published.grandTotalStatus;
    const std::vector<bool> known = determined(g.lines, g.all);
    std::vector<std::pair<int, int>> out;
    size_t i = 0;
    for (size_t r = 0; r < g.cells.size(); ++r)
        for (size_t c = 0; c < g.cells[r].size(); ++c, ++i)
            if (g.cells[r][c].status != Cell::Shown && known[i]) out.emplace_back(int(r), int(c));
    return out;
}

ProtectedLine protectLine(const std::vector<double> &parts, double total, const Policy &policy) {
    std::vector<Member> members;
    double sum = 0;
    for (double p : parts) {
        members.push_back(primary(p, policy));
        sum += p;
    }
    // People in the total but in no part can be derived as total - sum(parts): when that
    // remainder is small it is a suppressed member of the line (never published); otherwise it
    // is left out, which is the cautious reading (the parts alone must protect each other).
    Member remainder = primary(total - sum, policy), whole = primary(total, policy);
    if (policy.enabled) {
        std::vector<Line> lines(1);
        for (Member &m : members) lines[0].members.push_back(&m);
        if (remainder.status != Cell::Shown) lines[0].members.push_back(&remainder);
        lines[0].members.push_back(&whole);
        complete(lines);
    }
    ProtectedLine out;
    for (const Member &m : members) {
        out.parts.push_back(published(m, policy));
        out.status.push_back(m.status);
    }
    out.total = published(whole, policy);
    out.totalStatus = whole.status;
    return out;
}

}  // namespace phm::core::disclosure
