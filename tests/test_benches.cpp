// The benchmark prints the lines that are compared across commits (by their first words); the
// figures themselves are not checked here — speed is shown by benchmarks, never by timed tests.
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

class TestBenches : public QObject {
    Q_OBJECT
private slots:
    void benchPrintsItsComparableLines() {
        QProcess bench;
        bench.start(DIFFCUT_BENCH_PATH, {"--quick"});
        QVERIFY(bench.waitForFinished(600000));
        QCOMPARE(bench.exitStatus(), QProcess::NormalExit);
        QCOMPARE(bench.exitCode(), 0);
        const QString output = QString::fromUtf8(bench.readAllStandardOutput());
        for (const char *pattern : {R"(^cli-path 32x32x1280: \d+(\.\d+)? ms)", R"(^tau-change 1024x1024 1000-segments: \d+(\.\d+)? ms)",
                                    R"(^tau-change 12000x9000 display: \d+(\.\d+)? ms)",
                                    R"(^contention 32x32x1280: \d+(\.\d+)? ms \(alone \d+(\.\d+)? ms\))"}) {
            const QRegularExpression line(pattern, QRegularExpression::MultilineOption);
            QVERIFY2(line.match(output).hasMatch(), qPrintable(QString(pattern) + " not in:\n" + output));
        }
    }
};

QTEST_APPLESS_MAIN(TestBenches)
#include "test_benches.moc"
