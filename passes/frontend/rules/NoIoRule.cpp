// vcc-no-io: file, network and process I/O, and the standard input and
// output streams. A method reads only its arguments and the data oracle
// (vcc::oracle) and answers only with its return value: in the RISC-V image
// standard input and output are the request and the response themselves.
// Debug output to standard error is allowed (the VM keeps it as a log).
// Reading host files at compile time is I/O too: `#embed` and `#include` of
// an absolute path would make the programHash depend on a file that is not
// part of the service's source.
#include "Rule.hpp"
#include "rules/LibraryFunctions.hpp"
#include "rules/SpelledTypes.hpp"

#include "clang/AST/Expr.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Path.h"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

// Files, directories, descriptors, sockets, processes.
constexpr llvm::StringRef kIoFunctions[] = {
    "fopen", "fopen64", "freopen", "fdopen", "tmpfile", "tmpnam", "tempnam", "mkstemp", "mkdtemp",
    "open", "open64", "openat", "creat", "close", "read", "pread", "write", "pwrite", "readv",
    "writev", "lseek", "fsync", "fdatasync", "ftruncate", "truncate", "dup", "dup2", "dup3", "pipe",
    "mmap", "munmap", "ioctl", "fcntl", "opendir", "fdopendir", "readdir", "closedir", "scandir",
    "stat", "fstat", "lstat", "fstatat", "access", "faccessat", "unlink", "unlinkat", "remove",
    "rename", "renameat", "mkdir", "rmdir", "chdir", "fchdir", "link", "symlink", "readlink",
    "realpath", "chmod", "chown", "utime", "socket", "socketpair", "connect", "bind", "listen",
    "accept", "accept4", "send", "sendto", "sendmsg", "recv", "recvfrom", "recvmsg", "shutdown",
    "getaddrinfo", "gethostbyname", "gethostbyaddr", "getsockopt", "setsockopt", "select",
    "pselect", "poll", "ppoll", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "popen",
    "pclose", "system", "fork", "vfork", "execl", "execle", "execlp", "execv", "execve", "execvp",
    "execvpe", "posix_spawn", "posix_spawnp", "dlopen", "syscall",
    // Standard input and output.
    "printf", "vprintf", "puts", "putchar", "scanf", "vscanf", "getchar", "gets", "wprintf",
    "vwprintf", "wscanf", "vwscanf", "putwchar", "getwchar"}; // and std::print, std::println

// Functions on a FILE*, and which argument it is: allowed on stderr.
const llvm::StringMap<unsigned>& streamArgument() {
  static const llvm::StringMap<unsigned> arguments = {
      {"fprintf", 0},  {"vfprintf", 0}, {"fputs", 1},  {"fputc", 1},   {"putc", 1},
      {"fwrite", 3},   {"fflush", 0},   {"fclose", 0}, {"fread", 3},   {"fgets", 2},
      {"fgetc", 0},    {"getc", 0},     {"fscanf", 0}, {"vfscanf", 0}, {"fseek", 0},
      {"fseeko", 0},   {"ftell", 0},    {"ftello", 0}, {"rewind", 0},  {"ungetc", 1},
      {"setvbuf", 0},  {"setbuf", 0},   {"fileno", 0}, {"getline", 2}, {"getdelim", 3},
      {"fwprintf", 0}, {"fputws", 1},   {"fputwc", 1}, {"fgetws", 2},  {"fgetwc", 0}};
  return arguments;
}

// File streams and directory walks.
constexpr llvm::StringRef kIoClasses[] = {"::std::basic_fstream", "::std::basic_ifstream",
                                          "::std::basic_ofstream", "::std::basic_filebuf"};
constexpr llvm::StringRef kFilesystemClassPattern =
    "^::std::(__fs::)?filesystem::(__cxx11::)?(directory_iterator|recursive_directory_iterator|"
    "directory_entry)$";

// The standard streams that are the request and the response.
constexpr llvm::StringRef kStreamVariables[] = {"::stdin",    "::stdout",     "::std::cout",
                                                "::std::cin", "::std::wcout", "::std::wcin"};

// std::filesystem functions that only compute on paths.
constexpr llvm::StringRef kPureFilesystemFunctions[] = {"swap", "hash_value", "u8path", "begin",
                                                        "end"};

constexpr llvm::StringRef kInstead = "a method reads only its arguments and the data oracle "
                                     "(vcc::oracle) and answers with its return value; "
                                     "debug output may go to stderr";

// #embed, __has_embed and #include "/absolute/path" in the service's code.
class HostFileCallbacks : public clang::PPCallbacks {
public:
  explicit HostFileCallbacks(Rule& rule) : rule_(rule) {}

  void EmbedDirective(clang::SourceLocation hash, llvm::StringRef file, bool, clang::OptionalFileEntryRef,
                      const clang::LexEmbedParametersResult&) override {
    if (rule_.checks(hash))
      rule_.report(hash, "#embed \"" + file + "\" makes the image depend on a file read at compile time",
                   "pass the data in the request or through the data oracle (vcc::oracle)");
  }
  void HasEmbed(clang::SourceLocation location, llvm::StringRef file, bool, clang::OptionalFileEntryRef) override {
    if (rule_.checks(location))
      rule_.report(location, "__has_embed(\"" + file + "\") asks about a file of the machine that compiles",
                   "pass the data in the request or through the data oracle (vcc::oracle)");
  }
  void InclusionDirective(clang::SourceLocation hash, const clang::Token&, llvm::StringRef file, bool,
                          clang::CharSourceRange, clang::OptionalFileEntryRef, llvm::StringRef, llvm::StringRef,
                          const clang::Module*, bool, clang::SrcMgr::CharacteristicKind) override {
    if (llvm::sys::path::is_absolute(file) && rule_.checks(hash))
      rule_.report(hash, "#include of the absolute path \"" + file + "\", a file of the machine that compiles",
                   "include headers relative to the source or through -I");
  }

private:
  Rule& rule_;
};

class NoIoRule : public Rule {
public:
  using Rule::Rule;

  void registerPreprocessorCallbacks(clang::Preprocessor& preprocessor) override {
    preprocessor.addPPCallbacks(std::make_unique<HostFileCallbacks>(*this));
  }

  void registerMatchers(MatchFinder& finder) override {
    std::vector<std::string> functions = globalNames(kIoFunctions);
    functions.push_back("::std::print");
    functions.push_back("::std::println");
    finder.addMatcher(libraryFunctionReference(functions), this);
    std::vector<llvm::StringRef> streamFunctions;
    for (const auto& entry : streamArgument())
      streamFunctions.push_back(entry.getKey());
    finder.addMatcher(libraryFunctionReference(globalNames(streamFunctions)), this);
    finder.addMatcher(declRefExpr(to(functionDecl(matchesName("^::std::(__fs::)?filesystem::"),
                                                  unless(cxxMethodDecl()))
                                         .bind("filesystemFunction")))
                          .bind("reference"),
                      this);
    std::vector<llvm::StringRef> classes(std::begin(kIoClasses), std::end(kIoClasses));
    finder.addMatcher(
        spelledClass(namedDecl(anyOf(hasAnyName(classes), matchesName(kFilesystemClassPattern)))),
        this);
    std::vector<llvm::StringRef> streams(std::begin(kStreamVariables), std::end(kStreamVariables));
    finder.addMatcher(
        declRefExpr(to(varDecl(hasAnyName(streams)).bind("stream"))).bind("reference"), this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    if (const auto* type = result.Nodes.getNodeAs<clang::TypeLoc>("type")) {
      if (!isReportedSpelling(*type)) return;
      const auto* named = result.Nodes.getNodeAs<clang::NamedDecl>("class");
      std::string name = spelledTypeName(*type, *named);
      bool directory = llvm::StringRef(name).contains("filesystem");
      report(type->getBeginLoc(),
             "'" + name + "' " + (directory ? "reads the file system" : "does file I/O"), kInstead);
      return;
    }
    const auto* reference = result.Nodes.getNodeAs<clang::DeclRefExpr>("reference");
    if (const auto* stream = result.Nodes.getNodeAs<clang::VarDecl>("stream")) {
      std::string name = stream->getQualifiedNameAsString();
      bool input = llvm::StringRef(name).ends_with("in");
      report(reference->getBeginLoc(),
             "'" + name + "' " + (input ? "reads standard input" : "writes to standard output"),
             kInstead);
      return;
    }
    if (const auto* function = result.Nodes.getNodeAs<clang::FunctionDecl>("filesystemFunction")) {
      if (function->isOverloadedOperator()) return;
      for (llvm::StringRef pure : kPureFilesystemFunctions) {
        if (function->getName() == pure) return;
      }
      report(reference->getBeginLoc(),
             "'" + spelledName(*reference, *result.Context) + "' uses the file system", kInstead);
      return;
    }
    const auto* function = result.Nodes.getNodeAs<clang::FunctionDecl>("function");
    if (!isLibraryFunction(*function)) return;
    std::string name = spelledName(*reference, *result.Context);
    llvm::StringRef plain = function->getName();
    if (auto found = streamArgument().find(plain); found != streamArgument().end()) {
      if (isOnStandardError(*result.Context, *reference, found->second)) return;
      report(reference->getBeginLoc(),
             "'" + name + "' does stream I/O other than debug output to stderr", kInstead);
      return;
    }
    report(reference->getBeginLoc(), "'" + name + "' " + describe(plain), kInstead);
  }

private:
  static std::string describe(llvm::StringRef name) {
    static const llvm::StringRef kOutput[] = {"printf",  "vprintf", "puts",     "putchar", "print",
                                              "println", "wprintf", "vwprintf", "putwchar"};
    static const llvm::StringRef kInput[] = {"scanf",  "vscanf",  "getchar", "gets",
                                             "wscanf", "vwscanf", "getwchar"};
    for (llvm::StringRef output : kOutput) {
      if (name == output) return "writes to standard output";
    }
    for (llvm::StringRef input : kInput) {
      if (name == input) return "reads standard input";
    }
    return "does file, network or process I/O";
  }

  // Whether `reference` is the callee of a call whose stream argument is stderr.
  static bool isOnStandardError(clang::ASTContext& context, const clang::DeclRefExpr& reference,
                                unsigned argument) {
    const clang::CallExpr* call = nullptr;
    for (clang::DynTypedNode parent : context.getParents(reference)) {
      const auto* cast = parent.get<clang::ImplicitCastExpr>();
      if (cast == nullptr) continue;
      for (clang::DynTypedNode grandparent : context.getParents(*cast))
        call = grandparent.get<clang::CallExpr>();
    }
    if (call == nullptr || call->getCallee()->IgnoreParenImpCasts() != &reference) return false;
    if (argument >= call->getNumArgs()) return false;
    const auto* stream =
        llvm::dyn_cast<clang::DeclRefExpr>(call->getArg(argument)->IgnoreParenImpCasts());
    return stream != nullptr && stream->getDecl()->getNameAsString() == "stderr";
  }
};

} // namespace

extern const RuleDescriptor kNoIoRule = {"vcc-no-io",
                                         "file, network and process I/O and standard input/output: "
                                         "fopen, open, socket, connect, std::fstream, "
                                         "std::filesystem, printf, std::cout (stderr is allowed); "
                                         "#embed and #include of absolute paths",
                                         createRule<NoIoRule>};

} // namespace vcc::frontend
