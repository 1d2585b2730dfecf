package io.dataflow.privatelink.cli.command;

import picocli.CommandLine.IVersionProvider;

/** {@code plc --version}: the build's version. */
public class CliVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = CliVersion.class.getPackage().getImplementationVersion();
        return new String[] {"plc " + (version == null ? "0.1.0-SNAPSHOT" : version)};
    }
}
