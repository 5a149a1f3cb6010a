# CTest script (cmake -P): a LibTorch whose CMake config fails — as a CUDA LibTorch's does without
# the CUDA toolkit — must not stop a configuration with -DDIFFCUT_WITH_TORCH=OFF, and with the
# encoder on, configuring stops with an error that says how to build without it.
#   cmake -DSOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -P cmake_torch_optional.cmake
set(prefix "${WORK_DIR}/failing-cuda-libtorch")
file(REMOVE_RECURSE "${WORK_DIR}")
file(WRITE "${prefix}/share/cmake/Torch/TorchConfig.cmake"
     "message(FATAL_ERROR \"Your installed Caffe2 version uses CUDA but I cannot find the CUDA libraries.\")\n")
file(WRITE "${prefix}/lib/libtorch_cuda.so" "")

function(configure name)
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/${name}" -G "${GENERATOR}"
            -DDIFFCUT_BUILD_GUI=OFF -DDIFFCUT_BUILD_TESTS=OFF "-DCMAKE_PREFIX_PATH=${prefix}" ${ARGN}
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  set(result "${result}" PARENT_SCOPE)
  set(output "${output}" PARENT_SCOPE)
endfunction()

configure(off -DDIFFCUT_WITH_TORCH=OFF)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "-DDIFFCUT_WITH_TORCH=OFF did not configure past a failing LibTorch config:\n${output}")
endif()

# By default the installed LibTorch is used, and its failure stops configuring, saying what to do:
# our own error (no nvcc) or LibTorch's, after our note.
configure(default)
if(result EQUAL 0)
  message(FATAL_ERROR "configured with a LibTorch whose config fails:\n${output}")
endif()
if(NOT output MATCHES "configure with[ \t\r\n]+-DDIFFCUT_WITH_TORCH=OFF") # CMake wraps long messages
  message(FATAL_ERROR "the error does not say how to build without LibTorch:\n${output}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
