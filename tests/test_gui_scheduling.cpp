// The interactive session's scheduling policy, as a pure function: no widgets, threads or timers.
#include "pipeline/scheduling_policy.h"

#include <QTest>

using namespace diffcut::ui;
using Kind = NextJob::Kind;
using LongJob = SchedulerState::LongJob;

namespace {

// Features ready, α 10 cached and prepared for τ 0.5, nothing running, nothing requested.
SchedulerState ready() {
    SchedulerState state;
    state.featuresReady = true;
    state.cachedTrees = {9.0, 10.0, 11.0};
    state.prepared = {{9.0, {0.5, false}}, {10.0, {0.5, false}}, {11.0, {0.5, false}}};
    return state;
}

} // namespace

class TestGuiScheduling : public QObject {
    Q_OBJECT

private slots:
    void nothingRunsBeforeTheFeatures() {
        SchedulerState state;
        state.pendingAlpha = 10.0;
        QCOMPARE(nextJob(state), NextJob{});
    }

    void aCutOnACachedTreeRunsAtOnceButOneAtATime() {
        SchedulerState state = ready();
        state.pendingAlpha = 10.0;
        QCOMPARE(nextJob(state), (NextJob{Kind::Cut, 10.0}));
        state.cutRunning = true; // the latest request waits for the running cut, then wins
        QCOMPARE(nextJob(state), NextJob{});
        state.longJob = LongJob::Prepare; // a tree being prepared ahead does not hold a cut back
        state.cutRunning = false;
        QCOMPARE(nextJob(state), (NextJob{Kind::Cut, 10.0}));
    }

    void aNewAlphaIsDebouncedThenBuilt() {
        SchedulerState state = ready();
        state.pendingAlpha = 15.0;
        state.alphaDebouncing = true;
        QCOMPARE(nextJob(state), NextJob{});
        state.alphaDebouncing = false;
        QCOMPARE(nextJob(state), (NextJob{Kind::BuildTree, 15.0}));
        state.longJob = LongJob::BuildTree;
        state.longJobAlpha = 15.0;
        QCOMPARE(nextJob(state), NextJob{}); // it is being built: wait for it
    }

    void workInTheWayOfARequestGivesWay() {
        SchedulerState state = ready();
        state.pendingAlpha = 15.0;
        state.longJob = LongJob::Prepare;
        state.longJobAlpha = 11.0;
        QCOMPARE(nextJob(state), (NextJob{Kind::StopLongJob, 11.0}));
        state.longJob = LongJob::BuildTree; // a build for an α the user has left
        state.longJobAlpha = 14.0;
        QCOMPARE(nextJob(state), (NextJob{Kind::StopLongJob, 14.0}));
        state.longJob = LongJob::Features; // the features are not in the way: wait
        QCOMPARE(nextJob(state), NextJob{});
    }

    void neighboursArePreparedOnlyWhenIdle() {
        SchedulerState state = ready();
        state.alpha = 10.0;
        state.tau = 0.6; // a new τ: the neighbours' cuts are stale
        state.userActive = true;
        QCOMPARE(nextJob(state), NextJob{}); // the user is still moving the slider
        state.userActive = false;
        QCOMPARE(nextJob(state), (NextJob{Kind::Prepare, 11.0}));
        state.prepared[11.0] = {0.6, false};
        QCOMPARE(nextJob(state), (NextJob{Kind::Prepare, 9.0}));
        state.prepared[9.0] = {0.6, false};
        QCOMPARE(nextJob(state), (NextJob{Kind::PrepareRefinement, 10.0})); // then PAMR on the cut shown
        state.prepared[10.0] = {0.6, true};
        QCOMPARE(nextJob(state), NextJob{}); // nothing left to do
        state.cutRunning = true;
        state.prepared.erase(9.0);
        QCOMPARE(nextJob(state), NextJob{}); // never while a cut runs
    }

    // PAMR is prepared for the cut on screen only while it is off (on, the cut itself refined it),
    // and again for each new τ.
    void theRefinementIsPreparedWhilePamrIsOff() {
        SchedulerState state = ready();
        QCOMPARE(nextJob(state), (NextJob{Kind::PrepareRefinement, 10.0}));
        state.refine = true;
        state.prepared = {{9.0, {0.5, true}}, {10.0, {0.5, false}}, {11.0, {0.5, true}}};
        QCOMPARE(nextJob(state), NextJob{});
        state.refine = false;
        state.prepared = {{9.0, {0.5, false}}, {10.0, {0.5, true}}, {11.0, {0.5, false}}};
        QCOMPARE(nextJob(state), NextJob{});
        state.tau = 0.7;
        state.prepared[9.0].tau = state.prepared[11.0].tau = 0.7;
        QCOMPARE(nextJob(state), (NextJob{Kind::PrepareRefinement, 10.0}));
    }

    void preparingStaysInsideTheRange() {
        SchedulerState state = ready();
        state.alpha = state.maxAlpha;
        state.cachedTrees = {state.maxAlpha};
        state.prepared = {{state.maxAlpha, {0.5, false}}};
        QCOMPARE(nextJob(state), (NextJob{Kind::Prepare, state.maxAlpha - 1.0}));
        state.alpha = state.minAlpha;
        QCOMPARE(nextJob(state), (NextJob{Kind::Prepare, state.minAlpha + 1.0}));
    }

    void aFreshStateForANewImageRunsNothingOfTheOld() {
        SchedulerState old = ready();
        old.pendingAlpha = 10.0;
        old.cutRunning = true;
        const SchedulerState fresh; // what the runner starts an image with
        QCOMPARE(nextJob(fresh), NextJob{});
        QVERIFY(fresh.cachedTrees.empty() && !fresh.pendingAlpha);
    }
};

QTEST_APPLESS_MAIN(TestGuiScheduling)
#include "test_gui_scheduling.moc"
