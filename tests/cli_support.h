#pragma once
// Running the diffcut executable from a test: its exit code, output, and peak memory (the
// child's own rusage, from wait4), with a time limit, so that a test can show that a hostile
// input neither hangs nor takes gigabytes.
#include <QByteArray>
#include <QFile>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace diffcut::testing {

struct Run {
    int exitCode = -1; // -1: killed by a signal (or by the time limit)
    QString out, err;
    long peakMegabytes = 0;
    bool timedOut = false;
};

inline Run runDiffcut(const QStringList &arguments,
                      const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                      int timeoutSeconds = 120) {
    QTemporaryDir outputs;
    const std::string out = outputs.filePath("out").toStdString(), err = outputs.filePath("err").toStdString();
    std::vector<std::string> argumentText{DIFFCUT_CLI_PATH}, environmentText;
    for (const QString &argument : arguments)
        argumentText.push_back(argument.toStdString());
    for (const QString &variable : environment.toStringList())
        environmentText.push_back(variable.toStdString());
    std::vector<char *> argv, envp;
    for (std::string &text : argumentText)
        argv.push_back(text.data());
    for (std::string &text : environmentText)
        envp.push_back(text.data());
    argv.push_back(nullptr);
    envp.push_back(nullptr);

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&files, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, DIFFCUT_CLI_PATH, &files, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&files);
    Run run;
    if (spawned != 0)
        return run;
    int status = 0;
    rusage usage{};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    while (wait4(pid, &status, WNOHANG, &usage) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            wait4(pid, &status, 0, &usage);
            run.timedOut = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    run.exitCode = WIFEXITED(status) && !run.timedOut ? WEXITSTATUS(status) : -1;
    run.peakMegabytes = usage.ru_maxrss / 1024;
    const auto read = [](const std::string &path) {
        QFile file(QString::fromStdString(path));
        file.open(QIODevice::ReadOnly);
        return QString::fromUtf8(file.readAll());
    };
    run.out = read(out);
    run.err = read(err);
    return run;
}

inline void writeBytes(const QString &path, const QByteArray &bytes) {
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(bytes);
}

} // namespace diffcut::testing
