#pragma once
// The parts of the workbench's main window, found as a user finds them on screen: by type or by
// objectName (findChild), since MainWindow has no getters for them. A part that is not there ends
// the program with its name (a test would otherwise crash on a null pointer).
#include <QObject>
#include <QString>

namespace phm::test {

template <class T>
T *part(const QObject &root, const QString &name = {}) {
    T *found = root.findChild<T *>(name);
    if (!found) qFatal("no %s named \"%s\" in the window", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

}  // namespace phm::test
