// diffcut-studio [IMAGE|FOLDER]: the DiffCut Studio window.
#include "common/blas_threads.h"
#include "common/huge_pages.h"
#include "i18n/translations.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include <cstdlib>

int main(int argc, char *argv[]) {
    diffcut::useBlasOnCallingThreads(); // before anything calls BLAS (common/blas_threads.h)
    // OpenMP threads that spin while waiting would take the cores from the event loop and from
    // each other (a cut and a tree build can run at once); set before the runtime starts.
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
    diffcut::reuseFreedMemory(std::size_t(32) << 20, std::size_t(256) << 20);
    diffcut::mapLargeImagesInHugePages(); // the larger ones
    diffcut::keepHeapTopPopulated(std::size_t(64) << 20); // the next τ steps' maps, in memory ahead
    Q_INIT_RESOURCE(resources); // the window icon, compiled into the static diffcut_ui library
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QString::fromLatin1(diffcut::ui::kSettingsOrganization));
    QApplication::setApplicationName(QString::fromLatin1(diffcut::ui::kSettingsApplication));
    QApplication::setApplicationVersion(QStringLiteral(DIFFCUT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.diffcut_studio.DiffCutStudio"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("diffcut-studio"), QIcon(QStringLiteral(":/icons/diffcut-studio.svg"))));

    {
        QSettings settings;
        diffcut::ui::installTranslations(app, diffcut::ui::AppSettings::load(settings).language);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "DiffCut Studio: zero-shot image segmentation with diffusion features and recursive Normalized Cut."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("path"), QApplication::translate("main", "An image or a folder of images to open."),
                                 QStringLiteral("[IMAGE|FOLDER]"));
    parser.process(app);

    diffcut::ui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openPath(parser.positionalArguments().front());
    return QApplication::exec();
}
