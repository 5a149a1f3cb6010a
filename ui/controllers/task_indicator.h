#pragma once
// The one place long work shows itself: the session (features, a tree being built) and exports
// register here instead of guarding each other with flags, and the status bar shows the most
// recent task that is running — its text, its progress (busy, a fraction, or "k / n") and a Cancel
// that reaches that task. Tasks nobody waits for (preparing ahead) do not register.
#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace diffcut::ui {

class TaskIndicator : public QObject {
    Q_OBJECT
public:
    using TaskId = int;
    struct Shown {
        QString text;
        int value = 0, maximum = 0; // maximum 0: busy, no measure yet
        QString format;             // the progress bar's text ("%v / %m" for counts); empty = none
        QString detail;             // what the task is on now (a tooltip)
        bool cancellable = false;   // begun with a cancel function: the status bar offers Cancel
    };

    using QObject::QObject;

    // `cancel` may be empty: a task that cannot be stopped from the status bar.
    TaskId begin(const QString &text, std::function<void()> cancel);
    void setFraction(TaskId task, double fraction, const QString &detail = {});
    void setCount(TaskId task, int done, int total, const QString &detail = {});
    void end(TaskId task);
    bool isRunning(TaskId task) const;
    // What the status bar shows: the most recent running task, if any.
    std::optional<Shown> shown() const;
    // Cancels the task shown (the status bar's Cancel button).
    void cancelShown();

signals:
    void changed();

private:
    struct Task {
        TaskId id;
        Shown shown;
        std::function<void()> cancel;
    };
    Task *find(TaskId task);
    std::vector<Task> tasks_; // oldest first
    TaskId next_ = 1;
};

} // namespace diffcut::ui
