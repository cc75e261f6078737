// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The built bundle on a real Felix framework, next to the bundles it needs from the distribution (the
 * adapter API, the model, the Camel host, pax-logging, commons-io, Declarative Services): its manifest
 * imports only what the distribution provides, it resolves, and HAPI FHIR works inside it, with the
 * bundle's own class loader, through the adapter's own ingest of a sample Bundle.
 */
class BundleIT {

    private static final Pattern CLAUSE = Pattern.compile("(?:[^,\"]|\"[^\"]*\")+");
    private static final Path SAMPLE = Path.of("src/test/resources/samples/region-20260601.json").toAbsolutePath();

    @TempDir
    Path storage;
    private Framework framework;

    @AfterEach
    void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    static Path jar() {
        return Path.of(System.getProperty("bundle.jar", "target/dk.tidlig.adapter.fhir-0.1.0-SNAPSHOT.jar"));
    }

    @Test
    void theManifestImportsOnlyWhatTheDistributionProvidesAndEmbedsHapiWhole() throws Exception {
        Manifest manifest;
        try (JarFile jar = new JarFile(jar().toFile())) {
            manifest = jar.getManifest();
        }
        List<String> mandatory = new ArrayList<>();
        Matcher m = CLAUSE.matcher(manifest.getMainAttributes().getValue(Constants.IMPORT_PACKAGE));
        while (m.find()) {
            String clause = m.group().strip();
            if (!clause.contains("resolution:=optional")) {
                mandatory.add(clause.split(";")[0]);
            }
        }
        assertThat(mandatory).allMatch(p -> p.matches("dk\\.tidlig\\..*|org\\.apache\\.camel(\\..*)?|org\\.osgi\\..*|org\\.slf4j"
                + "|org\\.apache\\.commons\\.io(\\..*)?|javax\\.xml\\.(namespace|stream(\\..*)?)|java\\..*"), "mandatory imports " + mandatory);
        assertThat(mandatory).contains("dk.tidlig.adapter", "dk.tidlig.adapter.text", "dk.tidlig.model", "org.slf4j", "org.apache.commons.io",
                "javax.xml.stream");
        // the routes are the platform's: the adapter builds none, and needs neither Camel nor the route package
        assertThat(mandatory).noneMatch(p -> p.startsWith("org.apache.camel") || p.equals("dk.tidlig.adapter.route"));
        assertThat(manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE)).isNull();
        List<String> classPath = Arrays.asList(manifest.getMainAttributes().getValue(Constants.BUNDLE_CLASSPATH).split(","));
        assertThat(classPath).first().isEqualTo(".");
        assertThat(classPath).contains("lib/hapi-fhir-base-7.6.0.jar", "lib/hapi-fhir-structures-r4-7.6.0.jar", "lib/org.hl7.fhir.r4-6.4.0.jar",
                "lib/org.hl7.fhir.utilities-6.4.0.jar", "lib/jackson-databind-2.17.1.jar");
        assertThat(classPath).noneMatch(j -> j.contains("slf4j") || j.contains("commons-io") || j.contains("icu4j") || j.contains("dk.tidlig"));
        assertThat(manifest.getMainAttributes().getValue(Constants.REQUIRE_CAPABILITY)).contains("osgi.extender=osgi.component");
    }

    @Test
    void theBundleResolvesOnFelixAndIngestsASampleWithHapiInsideIt() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("org.ops4j.pax.logging.DefaultServiceLog.level", "WARN");
        framework = new FrameworkFactory().newFramework(config);
        framework.start();
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("it.bundles", "target/it-bundles")))) {
            for (Path p : jars.sorted().toList()) {
                installed.add(framework.getBundleContext().installBundle(p.toUri().toString()));
            }
        }
        Bundle fhir = framework.getBundleContext().installBundle(jar().toUri().toString());
        installed.add(fhir);
        boolean all = framework.adapt(FrameworkWiring.class).resolveBundles(installed);
        TreeSet<String> unresolved = new TreeSet<>();
        installed.stream().filter(b -> b.getState() == Bundle.INSTALLED).forEach(b -> unresolved.add(b.getSymbolicName()));
        if (!unresolved.isEmpty()) {
            try {
                fhir.start(); // the resolver's explanation
            } catch (Exception e) {
                throw new AssertionError("bundles that do not resolve: " + unresolved + ": " + e.getMessage(), e);
            }
        }
        assertThat(all).as("unresolved: %s", unresolved).isTrue();
        assertThat(fhir.getState()).isEqualTo(Bundle.RESOLVED);

        ClassLoader own = fhir.adapt(BundleWiring.class).getClassLoader();
        assertThat(fhir.loadClass("ca.uhn.fhir.context.FhirContext").getClassLoader()).as("HAPI comes from the bundle's class path").isSameAs(own);
        assertThat(fhir.loadClass("dk.tidlig.adapter.IngestService").getClassLoader()).as("the API is imported").isNotSameAs(own);

        // the adapter as the distribution would make it; its document reader fills a sink that counts
        Class<?> sinkType = fhir.loadClass("dk.tidlig.adapter.RecordSink");
        long[] counts = new long[3];
        Object sink = Proxy.newProxyInstance(sinkType.getClassLoader(), new Class<?>[] {sinkType}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "accept" -> counts[((List<?>) args[1]).isEmpty() ? 2 : 0]++;
                case "reject" -> counts[1]++;
                case "skip" -> counts[2]++;
                default -> throw new AssertionError("unexpected " + method.getName());
            }
            return null;
        });
        Class<?> adapterType = fhir.loadClass("dk.tidlig.adapter.fhir.internal.FhirAdapter");
        Object adapter = adapterType.getConstructor().newInstance();
        Object reader = adapterType.getMethod("documentReader").invoke(adapter);
        Class<?> fileType = fhir.loadClass("dk.tidlig.adapter.DeliveredFile");
        Object file = fileType.getMethod("of", Path.class, String.class).invoke(null, SAMPLE, SAMPLE.getFileName().toString());
        Method read = fhir.loadClass("dk.tidlig.adapter.DocumentReader").getMethod("read", fileType, Charset.class, sinkType);
        Thread.currentThread().setContextClassLoader(null); // as on a Camel thread: the adapter sets its own
        read.invoke(reader, file, StandardCharsets.UTF_8, sink);
        // this counting stand-in counts the diabetes Condition's retraction as accepted; the pipeline counts it skipped when it removes nothing
        assertThat(counts).as("accepted, quarantined, skipped of 13 resources").containsExactly(9, 2, 2);
    }

}
