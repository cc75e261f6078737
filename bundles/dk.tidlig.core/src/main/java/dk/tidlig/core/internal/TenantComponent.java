// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

import dk.tidlig.core.Tenant;

/** Publishes the configured municipality. */
@Component(service = Tenant.class, configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CoreConfig.class)
public class TenantComponent implements Tenant {

    private volatile String code;

    @Activate
    public TenantComponent(CoreConfig config) {
        modified(config);
    }

    @Modified
    void modified(CoreConfig config) {
        String c = config.municipalityCode() == null ? "" : config.municipalityCode().strip().replaceFirst("^0", "");
        if (!c.matches("[1-9]\\d{2}")) {
            throw new IllegalArgumentException("dk.tidlig.core: municipalityCode must be a three-digit municipality code");
        }
        this.code = c;
    }

    @Override
    public String municipalityCode() {
        return code;
    }
}
