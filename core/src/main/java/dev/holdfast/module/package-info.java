/**
 * Module paths and versions as the go command checks, orders and escapes them, ported from {@code
 * golang.org/x/mod/module}.
 *
 * <p><b>Why the rules are so strict.</b> A module path is at once an import path, a URL path on a
 * proxy, a directory name in the module cache and an argument on a command line. The character set
 * therefore excludes anything a shell, URL or file system might reinterpret, Windows device names
 * ({@code CON}, {@code com1}) and names that look like Windows 8.3 short names ({@code PROGRA~1}).
 * Unicode is kept out of module and import paths because case folding and normalization (the Kelvin
 * sign folds to {@code k}; {@code é} has two encodings) would let two different paths name the same
 * directory.
 *
 * <p><b>Why {@code !}-escaping.</b> File systems on Windows and macOS are case-insensitive, and web
 * servers often serve from such file systems, so the cache and the proxy protocol must never need two
 * spellings that differ only in case: {@code example.com/Foo} and {@code example.com/foo} would collide.
 * Each upper-case letter is therefore written as {@code !} plus its lower-case form ({@code
 * example.com/!foo}). Paths without capitals stay readable and unchanged, and since import paths never
 * contain {@code !}, the escape is unambiguous. The same scheme applies to versions ({@code v1.0.0-RC1}
 * becomes {@code v1.0.0-!r!c1}).
 *
 * <p><b>Why pseudo-versions.</b> Untagged commits still need versions that order sensibly against tags;
 * {@link dev.holdfast.module.PseudoVersion} encodes the nearest earlier tag, the commit time and the
 * commit hash so that such a version sorts just above the tag and below the next one.
 *
 * <p><b>Go string semantics.</b> Go compares strings by UTF-8 bytes and quotes them with {@code
 * strconv.Quote} in error messages; {@link dev.holdfast.module.GoStrings} reproduces both so that sort
 * orders and messages match the go command byte for byte, and {@link dev.holdfast.module.GoPath} is Go's
 * {@code path} package ({@code Clean}, {@code Dir}, {@code Join}) for the zip rules and proxy URLs.
 */
package dev.holdfast.module;
