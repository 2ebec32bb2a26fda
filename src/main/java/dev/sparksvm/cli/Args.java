package dev.sparksvm.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --name value}, {@code --name=value} and {@code --flag} options of one command. Every
 * option must be known to the command; every value is read through a typed getter that names the
 * option when the value does not parse.
 */
public final class Args {
  private final String command;
  private final Map<String, String> values = new LinkedHashMap<>();

  private Args(String command) {
    this.command = command;
  }

  /**
   * @param valued options that take a value
   * @param flags options that take none
   */
  public static Args parse(String command, String[] argv, int from, Set<String> valued,
      Set<String> flags) {
    Args args = new Args(command);
    for (int i = from; i < argv.length; i++) {
      String a = argv[i];
      if (!a.startsWith("--") || a.length() == 2) {
        throw new UsageException(command + ": unexpected argument '" + a + "' (options look like --name value)");
      }
      String name = a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        if (value != null) {
          throw new UsageException(command + ": --" + name + " takes no value");
        }
        value = "true";
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= argv.length) {
            throw new UsageException(command + ": --" + name + " needs a value");
          }
          value = argv[++i];
        }
      } else {
        throw new UsageException(command + ": unknown option --" + name
            + " (see '" + command + " --help')");
      }
      if (args.values.put(name, value) != null) {
        throw new UsageException(command + ": --" + name + " is given twice");
      }
    }
    return args;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public int integer(String name, int fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
    }
  }

  public long longValue(String name, long fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
    }
  }

  public double real(String name, double fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be a number, got '" + v + "'");
    }
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }
}
