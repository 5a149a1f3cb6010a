#include "controllers/task_indicator.h"

#include <QtGlobal>

#include <algorithm>

namespace diffcut::ui {

namespace {
constexpr int kFractionSteps = 1000;
}

TaskIndicator::TaskId TaskIndicator::begin(const QString &text, std::function<void()> cancel) {
    const bool cancellable = bool(cancel);
    tasks_.push_back({next_, {text, 0, 0, {}, {}, cancellable}, std::move(cancel)});
    emit changed();
    return next_++;
}

TaskIndicator::Task *TaskIndicator::find(TaskId task) {
    const auto found = std::find_if(tasks_.begin(), tasks_.end(), [task](const Task &each) { return each.id == task; });
    return found == tasks_.end() ? nullptr : &*found;
}

void TaskIndicator::setFraction(TaskId task, double fraction, const QString &detail) {
    if (Task *running = find(task)) {
        running->shown.value = qRound(std::clamp(fraction, 0.0, 1.0) * kFractionSteps);
        running->shown.maximum = kFractionSteps;
        running->shown.format.clear();
        running->shown.detail = detail;
        emit changed();
    }
}

void TaskIndicator::setCount(TaskId task, int done, int total, const QString &detail) {
    if (Task *running = find(task)) {
        running->shown.value = std::clamp(done, 0, total);
        running->shown.maximum = total;
        running->shown.format = tr("%v / %m");
        running->shown.detail = detail;
        emit changed();
    }
}

void TaskIndicator::end(TaskId task) {
    const auto before = tasks_.size();
    std::erase_if(tasks_, [task](const Task &each) { return each.id == task; });
    if (tasks_.size() != before)
        emit changed();
}

bool TaskIndicator::isRunning(TaskId task) const {
    return std::any_of(tasks_.begin(), tasks_.end(), [task](const Task &each) { return each.id == task; });
}

std::optional<TaskIndicator::Shown> TaskIndicator::shown() const {
    if (tasks_.empty())
        return std::nullopt;
    return tasks_.back().shown;
}

void TaskIndicator::cancelShown() {
    if (!tasks_.empty() && tasks_.back().cancel)
        tasks_.back().cancel();
}

} // namespace diffcut::ui
