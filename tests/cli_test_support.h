#pragma once
// Running the diffcut program from a test.
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace diffcut::testing {

struct Run {
    int exitCode;
    QString out, err;
};

inline Run runDiffcut(const QStringList &arguments,
                      const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(DIFFCUT_CLI_PATH, arguments);
    if (!process.waitForFinished(120000))
        qFatal("diffcut did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace diffcut::testing
