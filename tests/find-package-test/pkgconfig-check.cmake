# cmake -DPKG_CONFIG=<pkg-config> -DPKG_CONFIG_PATH=<prefix>/<libdir>/pkgconfig
#       -DCXX=<compiler> -DSOURCE=<main.cpp> -DOUT_DIR=<dir> -P pkgconfig-check.cmake
# The package_pkgconfig test: compiles the consumer with
#   $CXX -std=c++20 main.cpp $(pkg-config --cflags --libs rtsock)
# against the installed prefix and runs it.
foreach(v PKG_CONFIG PKG_CONFIG_PATH CXX SOURCE OUT_DIR)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "${v} is not set")
  endif()
endforeach()
if(NOT EXISTS "${PKG_CONFIG_PATH}/rtsock.pc")
  message(FATAL_ERROR "no rtsock.pc in ${PKG_CONFIG_PATH}")
endif()
set(ENV{PKG_CONFIG_PATH} "${PKG_CONFIG_PATH}")

execute_process(COMMAND "${PKG_CONFIG}" --cflags --libs rtsock
  OUTPUT_VARIABLE flags ERROR_VARIABLE err RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config --cflags --libs rtsock failed: ${err}")
endif()
message(STATUS "pkg-config rtsock: ${flags}")
separate_arguments(flags UNIX_COMMAND "${flags}")

file(REMOVE_RECURSE "${OUT_DIR}")
file(MAKE_DIRECTORY "${OUT_DIR}")
set(exe "${OUT_DIR}/consumer")
execute_process(COMMAND "${CXX}" -std=c++20 "${SOURCE}" -o "${exe}" ${flags}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compiling ${SOURCE} with pkg-config flags failed (${rc})")
endif()
execute_process(COMMAND "${exe}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "consumer exited with ${rc}")
endif()
