package dk.tidlig.adapter.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
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
        assertThat(mandatory).contains("dk.tidlig.adapter", "dk.tidlig.adapter.route", "dk.tidlig.adapter.text", "dk.tidlig.model",
                "org.apache.camel", "org.apache.camel.builder", "org.osgi.framework", "org.slf4j", "org.apache.commons.io", "javax.xml.stream");
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

        // the adapter as the distribution would make it, with an ingest service that counts
        Class<?> settingsType = fhir.loadClass("dk.tidlig.adapter.route.InboxSettings");
        Object settings = settingsType.getMethod("from", Map.class, UnaryOperator.class).invoke(null,
                Map.of("inbox", storage.resolve("inbox").toString(), "encoding", "UTF-8", "include", ".*", "pollIntervalMs", 1000,
                        "readLockMinAgeMs", 1000, "municipalityCode", "159"), (UnaryOperator<String>) k -> null);
        Class<?> serviceType = fhir.loadClass("dk.tidlig.adapter.IngestService");
        Class<?> sessionType = fhir.loadClass("dk.tidlig.adapter.FileIngest");
        Class<?> outcomeType = fhir.loadClass("dk.tidlig.adapter.FileOutcome");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<? extends Enum> statusType = (Class<? extends Enum>) fhir.loadClass("dk.tidlig.adapter.FileOutcome$Status");
        long[] counts = new long[3];
        Object session = Proxy.newProxyInstance(sessionType.getClassLoader(), new Class<?>[] {sessionType}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "accept":
                    counts[((List<?>) args[1]).isEmpty() ? 2 : 0]++;
                    return null;
                case "reject":
                    if (args.length == 2) {
                        counts[1]++;
                        return null;
                    }
                    return outcome(outcomeType, statusType, "REJECTED", counts, (String) args[0]);
                case "skip":
                    counts[2]++;
                    return null;
                case "complete":
                    return outcome(outcomeType, statusType, "COMPLETED", counts, null);
                default:
                    return outcome(outcomeType, statusType, "FAILED", counts, (String) args[0]);
            }
        });
        Object service = Proxy.newProxyInstance(serviceType.getClassLoader(), new Class<?>[] {serviceType}, (proxy, method, args) -> session);
        Class<?> adapterType = fhir.loadClass("dk.tidlig.adapter.fhir.internal.FhirAdapter");
        Object adapter = adapterType.getConstructor(settingsType, serviceType).newInstance(settings, service);
        Field ingestField = adapterType.getDeclaredField("ingest");
        ingestField.setAccessible(true);
        Object ingest = ingestField.get(adapter);
        Method run = ingest.getClass().getDeclaredMethod("ingest", Path.class, String.class);
        run.setAccessible(true);
        Thread.currentThread().setContextClassLoader(null); // as on a Camel thread: the adapter sets its own
        Object outcome = run.invoke(ingest, SAMPLE, SAMPLE.getFileName().toString());
        // this counting stand-in counts the diabetes Condition's retraction as accepted; the pipeline counts it skipped when it removes nothing
        assertThat(outcome.toString()).contains("status=COMPLETED", "lines=13", "accepted=9", "quarantined=2", "skipped=2");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object outcome(Class<?> outcomeType, Class<? extends Enum> statusType, String status, long[] counts, String reason)
            throws ReflectiveOperationException {
        Constructor<?> c = outcomeType.getConstructors()[0];
        return c.newInstance(1L, "fhir", SAMPLE.getFileName().toString(), Enum.valueOf(statusType, status), counts[0] + counts[1] + counts[2],
                counts[0], 0L, counts[1], counts[2], reason);
    }

}
