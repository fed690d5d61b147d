# The Debian package: `cpack -G DEB` (or the `package` target) in the build
# directory makes acm-tidy_<version>_<arch>.deb of what `cmake --install`
# installs, under /usr.
#
# Depends names the package of every library the binaries link (readelf -d:
# NEEDED), as dpkg-shlibdeps would, plus what the tools need at run time:
# clang's builtin headers (libclang-common-22-dev) and the clang-tidy-22 that
# loads the plugin. test/tool/package.test checks that every NEEDED library
# comes from a package named here.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME acm-tidy)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "static analyzer for the asynchronous enter/exit protocol of C++20 coroutines")
# Lines of the extended description; CPack indents them.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "acm-tidy finds coroutines that skip the asynchronous cleanup of an"
  "object: an exit or close not awaited on some path, an exit stack never"
  "closed, a use after exit. It ships the standalone acm-tidy for CI, a"
  "plugin for clang-tidy-22, acm-clangd for editors, the annotations"
  "header with a CMake package and a pkg-config file, and a pre-commit hook.")
set(ACM_PACKAGE_MAINTAINER "acm-tidy maintainers <acm-tidy@localhost>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_PACKAGE_CONTACT "${ACM_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(_acm_llvm ${LLVM_VERSION_MAJOR})
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  # acm-tidy, acm-clangd
  "libc6, libgcc-s1, libstdc++6, libllvm${_acm_llvm}, libclang-cpp${_acm_llvm}"
  # acm-clangd: clangd's remote index client
  "libgrpc++1.51, libgrpc29, libabsl20220623, libprotobuf32, libc-ares2"
  "libre2-9, libssl3, zlib1g"
  # clang's builtin headers; the plugin's host
  "libclang-common-${_acm_llvm}-dev, clang-tidy-${_acm_llvm}")
list(JOIN CPACK_DEBIAN_PACKAGE_DEPENDS ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pre-commit")

include(CPack)
