# cmake -DOUTPUT=<file.inc> -P EmbedCheckDocs.cmake <page.md>...
#
# Writes the pages as C++ initializers, {"<page.md>", R"...(<text>)..."},
# so that acm-tidy carries the check pages (SARIF rule help) without
# reading the documentation at run time.
set(Delimiter "acmdoc")
set(Text "// Generated from docs/checks/*.md by EmbedCheckDocs.cmake.\n")
math(EXPR Last "${CMAKE_ARGC} - 1")
foreach(I RANGE 0 ${Last})
  set(Arg "${CMAKE_ARGV${I}}")
  if(NOT Arg MATCHES "\\.md$")
    continue()
  endif()
  file(READ "${Arg}" Page)
  if(Page MATCHES "\\)${Delimiter}\"")
    message(FATAL_ERROR "${Arg} holds the raw string delimiter")
  endif()
  get_filename_component(Name "${Arg}" NAME)
  string(APPEND Text "{\"${Name}\", R\"${Delimiter}(${Page})${Delimiter}\"},\n")
endforeach()
file(WRITE "${OUTPUT}" "${Text}")
