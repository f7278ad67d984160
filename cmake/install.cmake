# cmake/install.cmake — installation, package export and packaging tests.
#
# Installs the rtsock::abi, codec, fib, backend, proto, kernel, server and client libraries with their
# headers, librtsock-compat.so (rtsock::compat, the compat layer's run time), a
# CMake package (rtsockConfig.cmake, rtsockConfigVersion.cmake,
# rtsockTargets.cmake) and a pkg-config file (rtsock.pc). The build tree is
# usable as a package too: CMAKE_PREFIX_PATH=<build dir> (or rtsock_DIR) finds
# rtsockConfig.cmake there.
#
# Included from the root CMakeLists.txt after every target is defined.

include(CMakePackageConfigHelpers)

# rtsock_warnings (compile flags for this project's own sources) is linked
# PRIVATE as $<BUILD_INTERFACE:rtsock_warnings>. For a static library CMake
# still records it in INTERFACE_LINK_LIBRARIES as
# $<LINK_ONLY:$<BUILD_INTERFACE:rtsock_warnings>>: install(EXPORT) drops it,
# but the build-tree export(EXPORT) keeps BUILD_INTERFACE content and would
# then demand that rtsock_warnings be exported ($<BUILD_LOCAL_INTERFACE> would
# avoid this, but it needs CMake 3.26). A link-only INTERFACE library without
# link items contributes nothing to a consumer's link, so the entry is dropped
# from the usage requirements here; the targets' own compile flags come from
# LINK_LIBRARIES and are unaffected.
foreach(_t rtsock_abi rtsock_codec rtsock_fib rtsock_backend rtsock_proto rtsock_kernel rtsock_server rtsock_client)
  get_target_property(_ill ${_t} INTERFACE_LINK_LIBRARIES)
  if(_ill)
    list(FILTER _ill EXCLUDE REGEX [[^\$<LINK_ONLY:(\$<BUILD_INTERFACE:)?rtsock_warnings>?>$]])
    set_property(TARGET ${_t} PROPERTY INTERFACE_LINK_LIBRARIES "${_ill}")
  endif()
endforeach()

set(RTSOCK_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/rtsock"
  CACHE STRING "Where rtsockConfig.cmake is installed (relative to the prefix)")
mark_as_advanced(RTSOCK_CMAKE_INSTALL_DIR)

install(TARGETS rtsock_abi rtsock_codec rtsock_fib rtsock_backend rtsock_proto rtsock_kernel rtsock_server
  rtsock_client rtsock_compat
  EXPORT rtsockTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  FILE_SET HEADERS DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(EXPORT rtsockTargets
  NAMESPACE rtsock::
  FILE rtsockTargets.cmake
  DESTINATION ${RTSOCK_CMAKE_INSTALL_DIR})

# The config file is written into the build directory, next to the build-tree
# export below, so that the same file serves the build tree and the install.
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/rtsockConfig.cmake.in
  ${CMAKE_BINARY_DIR}/rtsockConfig.cmake
  INSTALL_DESTINATION ${RTSOCK_CMAKE_INSTALL_DIR})
write_basic_package_version_file(
  ${CMAKE_BINARY_DIR}/rtsockConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES
  ${CMAKE_BINARY_DIR}/rtsockConfig.cmake
  ${CMAKE_BINARY_DIR}/rtsockConfigVersion.cmake
  DESTINATION ${RTSOCK_CMAKE_INSTALL_DIR})

export(EXPORT rtsockTargets
  NAMESPACE rtsock::
  FILE ${CMAKE_BINARY_DIR}/rtsockTargets.cmake)

# pkg-config. The file locates its prefix from its own directory
# (${pcfiledir}), so it stays right under `cmake --install --prefix <other>`.
# Absolute CMAKE_INSTALL_{LIB,INCLUDE}DIR values are used as they are.
set(_rtsock_pc_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(RTSOCK_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(RTSOCK_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
  file(RELATIVE_PATH _rtsock_pc_up "/prefix/${_rtsock_pc_dir}" "/prefix")
  string(REGEX REPLACE "/$" "" _rtsock_pc_up "${_rtsock_pc_up}")
  set(RTSOCK_PC_PREFIX "\${pcfiledir}/${_rtsock_pc_up}")
  set(RTSOCK_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(RTSOCK_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(RTSOCK_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
# Requires: fmt (the static codec library calls it) and nlohmann_json (a
# public header includes it), each only if a .pc file for it exists here;
# tl-expected is checked too but Debian's header-only package ships none (its
# header is in the default include path).
set(RTSOCK_PC_REQUIRES fmt nlohmann_json)
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  set(RTSOCK_PC_REQUIRES "")
  foreach(_mod fmt nlohmann_json tl-expected)
    execute_process(COMMAND ${PKG_CONFIG_EXECUTABLE} --exists ${_mod}
      RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
    if(_rc EQUAL 0)
      list(APPEND RTSOCK_PC_REQUIRES ${_mod})
    endif()
  endforeach()
endif()
list(JOIN RTSOCK_PC_REQUIRES ", " RTSOCK_PC_REQUIRES)
configure_file(${CMAKE_CURRENT_LIST_DIR}/rtsock.pc.in ${CMAKE_BINARY_DIR}/rtsock.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/rtsock.pc DESTINATION ${_rtsock_pc_dir})

# ---- packaging tests -------------------------------------------------------
# package_install installs into <build>/pkg-test-prefix (emptied first);
# package_find_package builds tests/find-package-test against it with
# find_package(rtsock) and runs it; package_pkgconfig compiles the same
# consumer with `pkg-config --cflags --libs rtsock` and runs it. Sanitizer and
# fuzz builds skip them: the installed static libraries would need the
# sanitizer runtimes at the consumer's link.
# Absolute install directories do not follow --prefix, so the consumers could
# not find the package in the test prefix: no tests then.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(_rtsock_pkg_tests OFF)
  if(RTSOCK_TESTS)
    message(STATUS "rtsock: absolute CMAKE_INSTALL_LIBDIR/INCLUDEDIR, packaging tests skipped")
  endif()
else()
  set(_rtsock_pkg_tests ON)
endif()
if(RTSOCK_TESTS AND _rtsock_pkg_tests AND NOT RTSOCK_SANITIZE AND NOT RTSOCK_FUZZ)
  set(_rtsock_pkg_prefix "${CMAKE_BINARY_DIR}/pkg-test-prefix")
  set(_rtsock_pkg_src "${PROJECT_SOURCE_DIR}/tests/find-package-test")

  add_test(NAME package_install
    COMMAND ${CMAKE_COMMAND}
      -DBUILD_DIR=${CMAKE_BINARY_DIR} -DPREFIX=${_rtsock_pkg_prefix}
      -P ${_rtsock_pkg_src}/install-prefix.cmake)
  set_tests_properties(package_install PROPERTIES
    FIXTURES_SETUP rtsock_pkg_prefix
    TIMEOUT 300)

  set(_rtsock_consumer_build_type "${CMAKE_BUILD_TYPE}")
  if(NOT _rtsock_consumer_build_type)
    set(_rtsock_consumer_build_type "Debug")
  endif()
  add_test(NAME package_find_package
    COMMAND ${CMAKE_CTEST_COMMAND}
      --build-and-test ${_rtsock_pkg_src} ${CMAKE_BINARY_DIR}/pkg-test-find-package
      --build-generator ${CMAKE_GENERATOR}
      --build-makeprogram ${CMAKE_MAKE_PROGRAM}
      --build-noclean
      --build-options
        -DCMAKE_PREFIX_PATH=${_rtsock_pkg_prefix}
        -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
        -DCMAKE_BUILD_TYPE=${_rtsock_consumer_build_type}
        -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON
      --test-command ${CMAKE_CTEST_COMMAND} --output-on-failure)
  set_tests_properties(package_find_package PROPERTIES
    FIXTURES_REQUIRED rtsock_pkg_prefix
    TIMEOUT 300)

  # The compat tools from the installation alone (tests/compat/corpus).
  add_test(NAME package_compat_tools
    COMMAND ${PROJECT_SOURCE_DIR}/tests/compat/corpus/installed.sh ${_rtsock_pkg_prefix}
      ${PROJECT_SOURCE_DIR}/tests/compat/corpus)
  set_tests_properties(package_compat_tools PROPERTIES
    FIXTURES_REQUIRED rtsock_pkg_prefix
    TIMEOUT 120)

  if(PKG_CONFIG_FOUND)
    add_test(NAME package_pkgconfig
      COMMAND ${CMAKE_COMMAND}
        -DPKG_CONFIG=${PKG_CONFIG_EXECUTABLE}
        -DPKG_CONFIG_PATH=${_rtsock_pkg_prefix}/${CMAKE_INSTALL_LIBDIR}/pkgconfig
        -DCXX=${CMAKE_CXX_COMPILER}
        -DSOURCE=${_rtsock_pkg_src}/main.cpp
        -DOUT_DIR=${CMAKE_BINARY_DIR}/pkg-test-pkgconfig
        -P ${_rtsock_pkg_src}/pkgconfig-check.cmake)
    set_tests_properties(package_pkgconfig PROPERTIES
      FIXTURES_REQUIRED rtsock_pkg_prefix
      TIMEOUT 300)
  else()
    message(STATUS "rtsock: pkg-config not found, package_pkgconfig not registered")
  endif()
endif()
