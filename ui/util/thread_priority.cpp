#include "util/thread_priority.h"

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace diffcut::ui {

void lowerCurrentThreadPriority([[maybe_unused]] int niceness) {
#ifdef __linux__
    setpriority(PRIO_PROCESS, id_t(gettid()), niceness);
#endif
}

} // namespace diffcut::ui
