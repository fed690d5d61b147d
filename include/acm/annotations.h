//===- acm/annotations.h - Mark types for acm-tidy ------------------------===//
//
// Annotations that tell acm-tidy how a type takes part in the asynchronous
// enter/exit protocol. They expand to [[clang::annotate]] under clang and to
// nothing elsewhere, so the header is safe to include in any build.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANNOTATIONS_H
#define ACM_ANNOTATIONS_H

#if defined(__clang__)
#define ACM_ANNOTATE_(What) [[clang::annotate(What)]]
#else
#define ACM_ANNOTATE_(What)
#endif

/// On a member function: awaiting its result enters the object.
#define ACM_ENTER ACM_ANNOTATE_("acm::enter")
/// On a member function: awaiting its result exits the object.
#define ACM_EXIT ACM_ANNOTATE_("acm::exit")
/// On a member function: awaiting its result closes a closeable object.
#define ACM_CLOSE ACM_ANNOTATE_("acm::close")

/// On a class (between `class` and its name): an enter/exit manager.
#define ACM_MANAGER ACM_ANNOTATE_("acm::manager")
/// On a class: a closeable object, entered from the moment it exists.
#define ACM_CLOSEABLE ACM_ANNOTATE_("acm::closeable")
/// On a class: an exit stack (enter_async_context, push_async_*, aclose).
#define ACM_EXIT_STACK ACM_ANNOTATE_("acm::exit_stack")
/// On a class: coroutines returning it are generator-based managers.
#define ACM_GENERATOR_MANAGER ACM_ANNOTATE_("acm::generator_manager")

/// On a function parameter: the callee takes over the duty to exit the
/// argument, so the caller no longer has to.
#define ACM_TAKES_EXIT ACM_ANNOTATE_("acm::takes_exit")

#endif // ACM_ANNOTATIONS_H
