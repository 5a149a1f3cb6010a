#include "controllers/export_controller.h"

#include "controllers/task_indicator.h"
#include "util/thread_priority.h"

namespace diffcut::ui {

ExportController::ExportController(TaskIndicator *tasks, QObject *parent) : QObject(parent), tasks_(tasks) {
    pool_.setMaxThreadCount(1);
}

ExportController::~ExportController() {
    stop_.request_stop();
    pool_.waitForDone();
}

bool ExportController::start(ExportJob job, const QString &outputFolder) {
    if (running_)
        return false;
    running_ = true;
    stop_ = std::stop_source();
    const int total = int(job.images.size());
    const TaskIndicator::TaskId task =
        tasks_->begin(tr("Exporting %n image(s)…", "", total), [this] { stop_.request_stop(); });
    tasks_->setCount(task, 0, total);
    WorkControl control;
    control.stop = stop_.get_token();
    control.progress = [this, task, total](double fraction, std::string_view stage) {
        QMetaObject::invokeMethod(this, [this, task, done = qRound(fraction * total), total,
                                         detail = QString::fromUtf8(stage.data(), qsizetype(stage.size()))] {
            tasks_->setCount(task, done, total, detail);
        }, Qt::QueuedConnection);
    };
    pool_.start([this, job = std::move(job), control, outputFolder, task] {
        lowerCurrentThreadPriority(kLongWorkNiceness);
        bool ok = false;
        QString summary;
        try {
            const ExportOutcome outcome = runExport(job, control);
            ok = outcome.failures.isEmpty();
            summary = tr("Exported %n image(s) to %1.", "", outcome.exported).arg(outputFolder);
            if (!outcome.notes.isEmpty())
                summary += QLatin1Char('\n') + outcome.notes.join(QLatin1Char('\n'));
            if (!outcome.failures.isEmpty())
                summary += QLatin1Char('\n') + tr("%n image(s) could not be exported:", "", int(outcome.failures.size())) +
                           QLatin1Char('\n') + outcome.failures.join(QLatin1Char('\n'));
        } catch (const Cancelled &) {
            summary = tr("Export cancelled; the files written so far are complete.");
        } catch (const std::exception &error) {
            summary = tr("Export failed: %1").arg(QString::fromUtf8(error.what()));
        }
        QMetaObject::invokeMethod(this, [this, ok, summary, task] {
            running_ = false;
            tasks_->end(task);
            emit finished(ok, summary);
        }, Qt::QueuedConnection);
    });
    return true;
}

} // namespace diffcut::ui
