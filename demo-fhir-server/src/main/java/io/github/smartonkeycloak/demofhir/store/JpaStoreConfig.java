package io.github.smartonkeycloak.demofhir.store;

import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;

import ca.uhn.fhir.batch2.jobs.config.BatchCommonCtx;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import org.apache.commons.dbcp2.BasicDataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The Spring context of HAPI's JPA server, private to {@link JpaResourceStore}: HAPI's R4 configuration on an H2
 * database in memory. Only the beans HAPI leaves to its user are defined here.
 */
@Configuration
@Import({ThreadPoolFactoryConfig.class, HapiJpaConfig.class, JpaR4Config.class, JpaBatch2Config.class,
        SubscriptionChannelConfig.class, BatchCommonCtx.class})
public class JpaStoreConfig {

    /** A database of its own per server, so that servers in one JVM (the tests) never share records. */
    @Bean(destroyMethod = "close")
    public BasicDataSource dataSource() {
        BasicDataSource dataSource = new BasicDataSource();
        dataSource.setDriverClassName("org.h2.Driver");
        // DB_CLOSE_DELAY=-1 keeps the data while the pool has no open connection; JpaResourceStore.close() drops it.
        dataSource.setUrl("jdbc:h2:mem:demo-fhir-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUsername("sa");
        dataSource.setPassword("");
        dataSource.setMaxTotal(10);
        return dataSource;
    }

    @Bean
    public JpaStorageSettings storageSettings() {
        return JpaResourceStore.storageSettings();
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource,
            ConfigurableListableBeanFactory beanFactory, FhirContext fhirContext, JpaStorageSettings settings) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, settings);
        factory.setPersistenceUnitName("DEMO_FHIR_PU");
        factory.setDataSource(dataSource);
        Properties properties = new Properties();
        properties.put("hibernate.dialect", HapiFhirH2Dialect.class.getName());
        properties.put("hibernate.hbm2ddl.auto", "create");
        properties.put("hibernate.search.enabled", "false");
        properties.put("hibernate.show_sql", "false");
        // Start-up time: Envers audits only MDM links, which the demo has none of.
        properties.put("hibernate.integration.envers.enabled", "false");
        factory.setJpaProperties(properties);
        return factory;
    }

    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
