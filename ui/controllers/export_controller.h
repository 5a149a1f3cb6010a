#pragma once
// Exports on a worker thread, one at a time, shown (with a count and Cancel) by the task indicator.
#include "jobs/export_job.h"

#include <QObject>
#include <QThreadPool>

#include <stop_token>

namespace diffcut::ui {

class TaskIndicator;

class ExportController : public QObject {
    Q_OBJECT
public:
    ExportController(TaskIndicator *tasks, QObject *parent = nullptr);
    ~ExportController() override; // stops the export and waits for it

    bool running() const { return running_; }
    // Starts `job`; an export already running refuses it (false).
    bool start(ExportJob job, const QString &outputFolder);

signals:
    // ok: every image exported. summary: what happened, one line per image that failed.
    void finished(bool ok, const QString &summary);

private:
    TaskIndicator *tasks_;
    QThreadPool pool_;
    std::stop_source stop_;
    bool running_ = false;
};

} // namespace diffcut::ui
