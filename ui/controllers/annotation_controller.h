#pragma once
// Connects the annotation document (the user's decisions, undo, autosave) to the segmentation
// session (the pipeline in workers): an opened image starts its document from its sidecar, every
// change of the decisions asks for a new cut, every cut becomes the document's result, "about K
// segments" becomes a granularity edit, and the session's long work shows in the task indicator.
// The main window only wires views to it.
#include "annotation/annotation_state.h"
#include "annotation/class_list.h"
#include "pipeline/segmentation_request.h"

#include <QImage>
#include <QObject>
#include <QTimer>
#include <QStringList>

#include <filesystem>
#include <functional>
#include <memory>

namespace diffcut::ui {

class AnnotationDocument;
class SegmentationSession;
class TaskIndicator;

class AnnotationController : public QObject {
    Q_OBJECT
public:
    // A cut that keeps the canvas on an earlier request's segments for longer than this (PAMR over
    // hundreds of segments: seconds) says so in the status bar ("Updating the segments…"), unless
    // a job of the session shows its own task.
    static constexpr int kUpdatingShownAfterMs = 300;

    // What a new image or project starts from: the default granularity, the cache folder and the
    // classes a folder without a class list gets. Asked each time (the settings may change).
    struct Defaults {
        AnnotationState granularity;
        std::filesystem::path cacheRoot;
        std::vector<LabelClass> classes;
    };

    AnnotationController(SegmentationSession *session, AnnotationDocument *document, TaskIndicator *tasks,
                         std::function<Defaults()> defaults, QObject *parent = nullptr);

    // Saves the open image, then opens this one (its features in the session's worker).
    void openImage(const QString &path);
    // Makes the folder's class list the document's (the nearest at or above it). Returns a note
    // when an unreadable list was kept aside, else an empty string.
    QString openProject(const QString &folder);
    // Asks for the τ that gives about `count` segments; the answer becomes a granularity edit.
    void requestSegmentCount(int count);

signals:
    // The image is decoded and its document open: messages are what the user should know
    // (an unreadable annotation kept aside, classes added to the list).
    void imageOpened(const QString &path, const QImage &image, const QStringList &messages);
    // A new segmentation for the document's decisions (already the document's result).
    void resultReady(std::shared_ptr<const diffcut::SegmentationResult> result);
    // "About K segments" chose this τ.
    void tauChosen(double tau, int count);

private:
    void requestCut();

    SegmentationSession *session_;
    AnnotationDocument *document_;
    TaskIndicator *tasks_;
    std::function<Defaults()> defaults_;
    int sessionTask_ = 0; // the task indicator's entry while the session is busy, else 0
    QTimer updatingDelay_; // kUpdatingShownAfterMs
    int updatingTask_ = 0; // the task indicator's entry while that shows, else 0
    void showUpdating();
    void endUpdating();
};

} // namespace diffcut::ui
