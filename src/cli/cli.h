/* cli.h - the subcommands of nct. Each returns the process exit code:
 * 0 done, 1 failed, 2 bad arguments. */
#ifndef NCT_CLI_H
#define NCT_CLI_H

int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_entitlements(int argc, char **argv);
int cmd_payments(int argc, char **argv);
int cmd_worklists(int argc, char **argv);

#endif
