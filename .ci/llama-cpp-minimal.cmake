# Included by CMake right after llama.cpp's own project() call (CI passes
# -DCMAKE_PROJECT_llama.cpp_INCLUDE=<this file> in CMAKE_ARGS when llama-cpp-python is built).
#
# llama-cpp-python forces LLAMA_BUILD_COMMON=ON before adding llama.cpp, but its Python code only
# loads libllama and libggml*: the common library (argument parsing, chat templates, downloads)
# and the cpp-httplib it pulls in are compiled and shipped unused. This runs after that FORCE and
# before llama.cpp reads the option, so only the libraries the bindings load get built. If a
# llama-cpp-python release moves things around, this silently stops applying: the build is
# slower, never broken.
set(LLAMA_BUILD_COMMON OFF CACHE BOOL "llama: build common utils library" FORCE)
