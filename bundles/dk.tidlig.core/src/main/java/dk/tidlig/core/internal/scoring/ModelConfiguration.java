// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.core.scoring.ModelParser;
import dk.tidlig.core.scoring.PointModel;

/**
 * One scoring model configuration (factory PID {@code dk.tidlig.scoring.model}). An invalid model is
 * kept with its problem, so that a score run can say exactly what is wrong with the file.
 */
@Component(service = ModelConfiguration.class, configurationPid = ModelConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ModelConfiguration {

    public static final String FACTORY_PID = "dk.tidlig.scoring.model";
    private static final Logger LOG = LoggerFactory.getLogger(ModelConfiguration.class);

    private final String id;
    private final PointModel model;
    private final String problem;

    @Activate
    public ModelConfiguration(Map<String, Object> properties) {
        Object rawId = properties.get("model.id");
        PointModel parsed = null;
        String error = null;
        try {
            parsed = ModelParser.parse(properties);
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
            LOG.error("Scoring model configuration {}: {}", properties.get("service.pid"), error);
        }
        this.id = rawId == null || rawId.toString().isBlank() ? fileName(properties) : rawId.toString().strip();
        this.model = parsed;
        this.problem = error;
    }

    /** Without a model.id, the name FileInstall's file gives the configuration (model-NAME.cfg), else its PID. */
    private static String fileName(Map<String, Object> properties) {
        String file = String.valueOf(properties.get("felix.fileinstall.filename"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("model-([^/]+)\\.cfg$").matcher(file);
        return m.find() ? m.group(1) : String.valueOf(properties.get("service.pid"));
    }

    public String id() {
        return id;
    }

    public Optional<PointModel> model() {
        return Optional.ofNullable(model);
    }

    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }
}
