#pragma once
// Asks how large a synthetic ICS to create, with which seed, and where.
#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace phm::ui {

class NewDemoDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewDemoDialog(QWidget *parent = nullptr);
    qint64 people() const;
    quint64 seed() const;
    QString folder() const;

private:
    QSpinBox *mPeople;
    QSpinBox *mSeed;
    QLineEdit *mFolder;
};

}  // namespace phm::ui
