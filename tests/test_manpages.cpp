// The manual pages agree with the programs: every option, positional argument and subcommand that
// `--help` prints is in the man page (for diffcut, in the section of its own command), and every
// long option the man page names exists. The README quotes the Slurm job scripts as they are.
#include "test_support.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {

struct CommandHelp {
    QStringList options;     // every spelling: "-h", "--help", "--out"
    QStringList positionals; // "IMAGE", "INPUT_DIR"
    QStringList subcommands; // "segment", "model"
};

QString helpOf(const QString &program, QStringList arguments) {
    arguments << "--help";
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        qFatal("%s %s failed: %s", qPrintable(program), qPrintable(arguments.join(' ')),
               process.readAllStandardError().constData());
    return QString::fromUtf8(process.readAllStandardOutput());
}

// Reads the help of CLI11 (diffcut) and of QCommandLineParser (diffcut-studio): a section starts
// with a heading such as "Options:" and lists entries indented by two spaces, whose names come
// before the first run of two spaces; wrapped descriptions are indented further.
CommandHelp parseHelp(const QString &help) {
    CommandHelp parsed;
    QStringList *entries = nullptr;
    const QRegularExpression entryLine("^  (\\S.*?)(?:\\s{2,}.*)?$");
    const QRegularExpression optionName("^--?[A-Za-z0-9][A-Za-z0-9-]*$");
    for (const QString &line : help.split('\n')) {
        if (!line.startsWith(' ')) {
            entries = line == "Options:"                                  ? &parsed.options
                      : line == "Positionals:" || line == "Arguments:" ? &parsed.positionals
                      : line == "Subcommands:"                           ? &parsed.subcommands
                                                                          : nullptr;
            continue;
        }
        const QRegularExpressionMatch entry = entryLine.match(line);
        if (!entries || !entry.hasMatch())
            continue;
        const QStringList words = entry.captured(1).split(QRegularExpression("[ ,]+"), Qt::SkipEmptyParts);
        if (entries == &parsed.options) {
            // The names lead ("-h,--help", "--out TEXT REQUIRED", "-v, --version"); the value's type follows.
            for (const QString &word : words) {
                if (!optionName.match(word).hasMatch())
                    break;
                parsed.options << word;
            }
        } else {
            *entries << words.first();
        }
    }
    return parsed;
}

// The text of a man page without roff markup; comments dropped, macros reduced to their arguments.
QString plainText(const QString &roff) {
    QStringList lines;
    for (QString line : roff.split('\n')) {
        if (line.startsWith(".\\\""))
            continue;
        line.replace("\\-", "-").replace("\\&", "").replace("\\e", "\\");
        line.remove(QRegularExpression("\\\\f[BIRP]"));
        line.remove(QRegularExpression("^\\.(?:B|I|BR|RB|IR|RI|BI|IB)\\s"));
        line.remove('"');
        lines << line;
    }
    return lines.join('\n');
}

// "diffcut segment" -> the text of the section whose heading (.SS) is exactly that, up to the
// next heading; empty when there is none.
QString sectionOf(const QString &page, const QString &title) {
    const QStringList lines = page.split('\n');
    QString section;
    bool inside = false;
    for (const QString &line : lines) {
        if (line.startsWith(".SS ") || line.startsWith(".SH ")) {
            if (inside)
                break;
            inside = line.mid(4).trimmed() == title;
        }
        if (inside)
            section += line + '\n';
    }
    return section;
}

bool mentions(const QString &text, const QString &name, Qt::CaseSensitivity caseSensitivity = Qt::CaseSensitive) {
    QRegularExpression word("(?<![A-Za-z0-9_-])" + QRegularExpression::escape(name) + "(?![A-Za-z0-9_-])");
    if (caseSensitivity == Qt::CaseInsensitive)
        word.setPatternOptions(QRegularExpression::CaseInsensitiveOption);
    return word.match(text).hasMatch();
}

QString readManPage(const char *name) {
    QFile file(QString(DIFFCUT_SOURCE_DIR "/packaging/man/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return plainText(QString::fromUtf8(file.readAll()));
}

bool isHelpOption(const QString &option) { return option == "-h" || option == "--help"; }

// Every long option the page names must be one the program has (a renamed option leaves none behind).
void verifyNoUnknownLongOptions(const QString &page, const QSet<QString> &known, const char *pageName) {
    QRegularExpressionMatchIterator it = QRegularExpression("(?<![A-Za-z0-9_-])--[a-z][a-z0-9-]*").globalMatch(page);
    while (it.hasNext()) {
        const QString option = it.next().captured(0);
        QVERIFY2(known.contains(option), qPrintable(QString("%1 names %2, which --help does not list").arg(pageName, option)));
    }
}

} // namespace

class TestManPages : public QObject {
    Q_OBJECT

private slots:
    void helpParserReadsCli11() {
        const CommandHelp segment = parseHelp(helpOf(DIFFCUT_CLI_PATH, {"segment"}));
        QVERIFY(segment.options.contains("-h") && segment.options.contains("--help"));
        QVERIFY(segment.options.contains("--out") && segment.options.contains("--device"));
        QCOMPARE(segment.positionals, QStringList{"IMAGE"});
        QVERIFY(segment.subcommands.isEmpty());
        QVERIFY(parseHelp(helpOf(DIFFCUT_CLI_PATH, {})).subcommands.contains("model"));
    }

    void diffcutPageDocumentsEveryCommandAndOption() {
        const QString page = readManPage("diffcut.1.in");
        QSet<QString> knownOptions;
        QList<QStringList> commands{{}};
        while (!commands.isEmpty()) {
            const QStringList command = commands.takeFirst();
            const CommandHelp help = parseHelp(helpOf(DIFFCUT_CLI_PATH, command));
            QVERIFY2(!help.options.isEmpty(), qPrintable("no options parsed for: diffcut " + command.join(' ')));
            for (const QString &option : help.options)
                knownOptions.insert(option);
            for (const QString &subcommand : help.subcommands)
                commands << (QStringList(command) << subcommand);

            // The top level's own options (--help, --version) are documented for the whole program.
            const QString title = QStringList(QStringList{"diffcut"} + command).join(' ');
            const QString section = command.isEmpty() ? page : sectionOf(page, title);
            QVERIFY2(!section.isEmpty(), qPrintable("diffcut.1 has no section .SS \"" + title + "\""));
            for (const QString &option : help.options) {
                const QString &where = isHelpOption(option) ? page : section;
                QVERIFY2(mentions(where, option), qPrintable(QString("%1: %2 is not in its man page section").arg(title, option)));
            }
            for (const QString &name : help.positionals + help.subcommands)
                QVERIFY2(mentions(section, name), qPrintable(QString("%1: %2 is not in its man page section").arg(title, name)));
        }
        verifyNoUnknownLongOptions(page, knownOptions, "diffcut.1");
    }

    // The README's Slurm recipe is the job scripts packaging/test-slurm.sh submits, verbatim.
    void readmeSlurmRecipeIsWhatTestSlurmRuns() {
        QFile readme(DIFFCUT_SOURCE_DIR "/README.md");
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        for (const char *script : {"encode.sbatch", "batch.sbatch", "merge.sbatch"}) {
            QFile file(QString(DIFFCUT_SOURCE_DIR "/packaging/slurm/") + script);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString quoted = QString("# packaging/slurm/%1\n%2").arg(script, QString::fromUtf8(file.readAll()));
            QVERIFY2(text.contains(quoted), qPrintable(QString("README.md does not quote packaging/slurm/") + script));
        }
    }

    void studioPageDocumentsEveryOption() {
#ifndef DIFFCUT_STUDIO_PATH
        QSKIP("diffcut-studio is not part of this build");
#else
        const QString page = readManPage("diffcut-studio.1.in");
        const CommandHelp help = parseHelp(helpOf(DIFFCUT_STUDIO_PATH, {}));
        QVERIFY2(help.options.contains("--version"), "no options parsed from diffcut-studio --help");
        for (const QString &option : help.options)
            QVERIFY2(mentions(page, option), qPrintable("diffcut-studio.1 does not mention " + option));
        // QCommandLineParser lists arguments by internal name; the usage line has what users type:
        // "Usage: diffcut-studio [options] [IMAGE|FOLDER]".
        const QRegularExpressionMatch usage = QRegularExpression("^Usage: \\S+ \\[options\\](.*)$",
                                                                 QRegularExpression::MultilineOption)
                                                  .match(helpOf(DIFFCUT_STUDIO_PATH, {}));
        QVERIFY2(usage.hasMatch(), "no usage line in diffcut-studio --help");
        for (const QString &name : usage.captured(1).split(QRegularExpression("[][| .]+"), Qt::SkipEmptyParts))
            QVERIFY2(mentions(page, name, Qt::CaseInsensitive), qPrintable("diffcut-studio.1 does not mention " + name));
        const QSet<QString> known(help.options.begin(), help.options.end());
        verifyNoUnknownLongOptions(page, known, "diffcut-studio.1");
#endif
    }
};

QTEST_GUILESS_MAIN(TestManPages)
#include "test_manpages.moc"
