# cmake/install.cmake — `cmake --install BUILD --prefix DIR` for embedders:
# libpvm.so, libpvm-embed.a (static embedding), include/pvm.h and a
# relocatable pkg-config file (lib/pkgconfig/pvm.pc), so that
#   cc app.c $(pkg-config --cflags --libs pvm)
# builds against the installed VM (docs/embedding.md).  The CTest
# embed/install installs into a temporary prefix and builds and runs
# examples/embed-server against it.  The pvm program goes to bin/ and pvm's
# lib/ to share/pvm/lib, where the installed program and libpvm.so find it
# (core/sysmodule.c); CPython's library stays at PVM_STDLIB_DIR.
include(GNUInstallDirs)
set(PVM_VERSION 0.1.0)

if(TARGET libpvm_shared)
  file(RELATIVE_PATH PVM_PC_INCLUDE_REL /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig
       /p/${CMAKE_INSTALL_INCLUDEDIR})
  set(PVM_PC_REQUIRES "liburcu-qsbr ck gmp zlib libcrypto")
  set(PVM_PC_LIBS_PRIVATE "-pthread -lm")
  if(PVM_USE_JEMALLOC)
    set(PVM_PC_LIBS_PRIVATE "${PVM_PC_LIBS_PRIVATE} -ljemalloc")
  endif()
  configure_file(${CMAKE_SOURCE_DIR}/cmake/pvm.pc.in ${CMAKE_BINARY_DIR}/pvm.pc @ONLY)

  set_target_properties(libpvm_shared PROPERTIES PUBLIC_HEADER ${CMAKE_SOURCE_DIR}/include/pvm.h)
  install(TARGETS libpvm_shared
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          PUBLIC_HEADER DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(FILES ${CMAKE_BINARY_DIR}/libpvm-embed.a DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(FILES ${CMAKE_BINARY_DIR}/pvm.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
  install(TARGETS pvm RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(DIRECTORY ${CMAKE_SOURCE_DIR}/lib/ DESTINATION ${CMAKE_INSTALL_DATADIR}/pvm/lib
          PATTERN __pycache__ EXCLUDE)

  # The example server built in the tree (and run by embed/server_selftest).
  add_executable(embed_server examples/embed-server/server.c)
  target_include_directories(embed_server PRIVATE ${CMAKE_SOURCE_DIR}/include)
  target_link_libraries(embed_server PRIVATE libpvm_shared Threads::Threads)

  add_test(NAME embed/server_selftest
           COMMAND embed_server --selftest -w 4 -d ${CMAKE_SOURCE_DIR}/examples/embed-server)
  set_tests_properties(embed/server_selftest PROPERTIES LABELS "embed" TIMEOUT 300
                       PASS_REGULAR_EXPRESSION "selftest ok")
  add_test(NAME embed/install
           COMMAND sh ${CMAKE_SOURCE_DIR}/tests/embed/install_test.sh ${CMAKE_BINARY_DIR}
                   ${CMAKE_SOURCE_DIR})
  set_tests_properties(embed/install PROPERTIES LABELS "embed" TIMEOUT 300
                       PASS_REGULAR_EXPRESSION "install ok")
endif()
